import { describe, expect, it } from 'vitest';
import {
  embedPath,
  feedPath,
  frontEndPath,
  heightOf,
  HEIGHT_MESSAGE,
  MAX_HEIGHT,
  MIN_HEIGHT,
  originOf,
  parseEmbedOptions,
  parseEmbedPath,
  targetOfAttributes,
} from '../src/lib/embed';

const ID = '9f32d001-59a8-4643-b98c-83c6b6228d6b';

describe('embed targets', () => {
  it('reads a partner or an area from the embed page path', () => {
    expect(parseEmbedPath(`/embed/partners/${ID}`)).toEqual({ kind: 'partner', id: ID });
    expect(parseEmbedPath(`/embed/partners/${ID.toUpperCase()}/`)).toEqual({ kind: 'partner', id: ID });
    expect(parseEmbedPath('/embed/neighbourhoods/lindenhof')).toEqual({ kind: 'neighbourhood', code: 'lindenhof' });
  });

  it('refuses malformed ids, codes and other paths', () => {
    expect(parseEmbedPath('/embed/partners/not-a-uuid')).toBeNull();
    expect(parseEmbedPath('/embed/neighbourhoods/Lindenhof')).toBeNull();
    expect(parseEmbedPath('/embed/neighbourhoods/%3Cscript%3E')).toBeNull();
    expect(parseEmbedPath('/embed/neighbourhoods/%E0%A4%A')).toBeNull();
    expect(parseEmbedPath(`/embed/partners/${ID}/extra`)).toBeNull();
    expect(parseEmbedPath(`/partners/${ID}`)).toBeNull();
  });

  it('takes only known views and languages', () => {
    expect(parseEmbedOptions('?view=map&lang=en')).toEqual({ view: 'map', lang: 'en' });
    expect(parseEmbedOptions('view=bogus&lang=fr')).toEqual({ view: 'full', lang: 'de' });
  });

  it('composes the embed page, feed and front-end URLs from the parsed target', () => {
    const partner = { kind: 'partner', id: ID } as const;
    const area = { kind: 'neighbourhood', code: 'auenstadt-sued' } as const;
    expect(embedPath(partner)).toBe(`/embed/partners/${ID}`);
    expect(embedPath(area, { view: 'map', lang: 'en' })).toBe('/embed/neighbourhoods/auenstadt-sued?view=map&lang=en');
    expect(embedPath(area, { view: 'full', lang: 'de' })).toBe('/embed/neighbourhoods/auenstadt-sued');
    expect(feedPath(partner)).toBe(`/api/v1/events/feed.atom?partner=${ID}`);
    expect(feedPath(area)).toBe('/api/v1/events/feed.atom?neighbourhood=auenstadt-sued');
    expect(frontEndPath(partner)).toBe(`/#/partners/${ID}`);
    expect(frontEndPath(area)).toBe('/#/network?neighbourhood=auenstadt-sued');
  });

  it('reads the element attributes, partner first', () => {
    expect(targetOfAttributes(ID, 'lindenhof')).toEqual({ kind: 'partner', id: ID });
    expect(targetOfAttributes(null, 'lindenhof')).toEqual({ kind: 'neighbourhood', code: 'lindenhof' });
    expect(targetOfAttributes('42', null)).toBeNull();
    expect(targetOfAttributes(null, null)).toBeNull();
  });
});

describe('embed frame', () => {
  it('accepts only its own height message, clamped', () => {
    expect(heightOf({ type: HEIGHT_MESSAGE, height: 512.4 })).toBe(512);
    expect(heightOf({ type: HEIGHT_MESSAGE, height: 1e9 })).toBe(MAX_HEIGHT);
    expect(heightOf({ type: HEIGHT_MESSAGE, height: -5 })).toBe(MIN_HEIGHT);
    expect(heightOf({ type: HEIGHT_MESSAGE, height: Number.NaN })).toBeNull();
    expect(heightOf({ type: 'other', height: 300 })).toBeNull();
    expect(heightOf('kiezwerk')).toBeNull();
  });

  it('finds the Kiezwerk origin from the script address', () => {
    expect(originOf('https://kiezwerk.example.org/kiezwerk-embed.js')).toBe('https://kiezwerk.example.org');
    expect(originOf('http://127.0.0.1:18080/kiezwerk-embed.js?v=1')).toBe('http://127.0.0.1:18080');
    expect(originOf('javascript:alert(1)')).toBeNull();
    expect(originOf(null)).toBeNull();
  });
});

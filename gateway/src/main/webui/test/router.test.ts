import { describe, expect, it } from 'vitest';
import { parseHash, partnerHref } from '../src/lib/router';

describe('hash routes', () => {
  it('reads each page and its parameters', () => {
    expect(parseHash('').name).toBe('search');
    expect(parseHash('#/').name).toBe('search');
    const search = parseHash('#/?q=Kita&kind=parish,school');
    expect(search.name).toBe('search');
    expect(search.params.get('q')).toBe('Kita');
    expect(parseHash('#/partners').name).toBe('search');
    expect(parseHash('#/partners/9f32d001-59a8-4643-b98c-83c6b6228d6b')).toMatchObject({ name: 'partner', id: '9f32d001-59a8-4643-b98c-83c6b6228d6b' });
    expect(parseHash('#/calendar?from=2027-01-01').params.get('from')).toBe('2027-01-01');
    expect(parseHash('#/network/').name).toBe('network');
    expect(parseHash('#/gaps?neighbourhood=lindenhof').params.get('neighbourhood')).toBe('lindenhof');
    expect(parseHash('#/nowhere').name).toBe('notFound');
    expect(parseHash('#/partners/a/b').name).toBe('notFound');
  });

  it('builds partner links that route back to the partner', () => {
    const href = partnerHref('a b/c');
    expect(parseHash(href)).toMatchObject({ name: 'partner', id: 'a b/c' });
  });
});

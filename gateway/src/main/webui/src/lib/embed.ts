// What a blog embeds: a partner (by id) or an area (neighbourhood, by code), and the URLs around it.
// Used by the embed page (src/embed/EmbedApp.tsx) and the <kiezwerk-embed> element (src/embed/element.ts),
// which is built on its own: keep this module free of imports.

export type EmbedView = 'full' | 'card' | 'map';
export type EmbedLang = 'de' | 'en';

export type EmbedTarget = { kind: 'partner'; id: string } | { kind: 'neighbourhood'; code: string };

export interface EmbedOptions {
  view: EmbedView;
  lang: EmbedLang;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** a neighbourhood code as the directory accepts it */
const CODE = /^[a-z0-9][a-z0-9_-]{0,79}$/;

export function partnerTarget(id: string | null | undefined): EmbedTarget | null {
  const trimmed = (id ?? '').trim();
  return UUID.test(trimmed) ? { kind: 'partner', id: trimmed.toLowerCase() } : null;
}

export function neighbourhoodTarget(code: string | null | undefined): EmbedTarget | null {
  const trimmed = (code ?? '').trim();
  return CODE.test(trimmed) ? { kind: 'neighbourhood', code: trimmed } : null;
}

/** The target of an embed page's path: `/embed/partners/<id>` or `/embed/neighbourhoods/<code>`. */
export function parseEmbedPath(pathname: string): EmbedTarget | null {
  const m = /^\/embed\/(partners|neighbourhoods)\/([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  let key: string;
  try {
    key = decodeURIComponent(m[2]);
  } catch {
    return null;
  }
  return m[1] === 'partners' ? partnerTarget(key) : neighbourhoodTarget(key);
}

export function parseEmbedOptions(search: string | URLSearchParams): EmbedOptions {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const view = params.get('view');
  const lang = params.get('lang');
  return {
    view: view === 'card' || view === 'map' ? view : 'full',
    lang: lang === 'en' ? 'en' : 'de',
  };
}

/** The embed page's path with its options (defaults left out). */
export function embedPath(target: EmbedTarget, options: Partial<EmbedOptions> = {}): string {
  const path =
    target.kind === 'partner'
      ? `/embed/partners/${encodeURIComponent(target.id)}`
      : `/embed/neighbourhoods/${encodeURIComponent(target.code)}`;
  const params = new URLSearchParams();
  if (options.view && options.view !== 'full') params.set('view', options.view);
  if (options.lang && options.lang !== 'de') params.set('lang', options.lang);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** The Atom feed of the target's upcoming events (event-service). */
export function feedPath(target: EmbedTarget): string {
  return target.kind === 'partner'
    ? `/api/v1/events/feed.atom?partner=${encodeURIComponent(target.id)}`
    : `/api/v1/events/feed.atom?neighbourhood=${encodeURIComponent(target.code)}`;
}

/** The target's page in the full front end. */
export function frontEndPath(target: EmbedTarget): string {
  return target.kind === 'partner'
    ? `/#/partners/${encodeURIComponent(target.id)}`
    : `/#/network?neighbourhood=${encodeURIComponent(target.code)}`;
}

/** The message an embed page posts to the page that frames it, so that the frame fits its content. */
export const HEIGHT_MESSAGE = 'kiezwerk:embed-height';
export const MIN_HEIGHT = 120;
export const MAX_HEIGHT = 4000;

/** A height posted by an embed page, clamped; null for anything else. */
export function heightOf(data: unknown): number | null {
  if (!data || typeof data !== 'object') return null;
  const message = data as { type?: unknown; height?: unknown };
  if (message.type !== HEIGHT_MESSAGE || typeof message.height !== 'number' || !Number.isFinite(message.height)) return null;
  return Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, message.height)));
}

/** The origin of the script that defines the element (`https://kiezwerk.example.org`), or null. */
export function originOf(scriptSrc: string | null | undefined): string | null {
  if (!scriptSrc) return null;
  try {
    const url = new URL(scriptSrc);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** The element's attributes → what it embeds; null when neither a valid partner nor neighbourhood is given. */
export function targetOfAttributes(partner: string | null, neighbourhood: string | null): EmbedTarget | null {
  if (partner != null) return partnerTarget(partner);
  if (neighbourhood != null) return neighbourhoodTarget(neighbourhood);
  return null;
}

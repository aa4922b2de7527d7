// Hash routing: `#/`, `#/partners/<id>`, `#/calendar`, `#/network`, `#/gaps` — no server-side fallback needed.

export type Route =
  | { name: 'search'; params: URLSearchParams }
  | { name: 'partner'; id: string; params: URLSearchParams }
  | { name: 'calendar'; params: URLSearchParams }
  | { name: 'network'; params: URLSearchParams }
  | { name: 'gaps'; params: URLSearchParams }
  | { name: 'notFound'; params: URLSearchParams };

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = (q >= 0 ? raw.slice(0, q) : raw).replace(/\/+$/, '') || '/';
  const params = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
  const parts = path.split('/').filter((p) => p.length > 0).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'search', params };
  if (parts[0] === 'partners') {
    if (parts.length === 1) return { name: 'search', params };
    if (parts.length === 2) return { name: 'partner', id: parts[1], params };
  }
  if (parts.length === 1 && parts[0] === 'calendar') return { name: 'calendar', params };
  if (parts.length === 1 && parts[0] === 'network') return { name: 'network', params };
  if (parts.length === 1 && parts[0] === 'gaps') return { name: 'gaps', params };
  return { name: 'notFound', params };
}

export function partnerHref(id: string): string {
  return `#/partners/${encodeURIComponent(id)}`;
}

export function navigate(href: string): void {
  if (window.location.hash !== href) window.location.hash = href;
}

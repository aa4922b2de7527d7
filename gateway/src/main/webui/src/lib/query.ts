// Building the query strings the Kiezwerk API takes. Pure functions: unit-tested in test/query.test.ts.

export type ParamValue = string | number | boolean | null | undefined | readonly (string | number)[];

/**
 * Turns a record into URLSearchParams: empty strings, null, undefined, false and empty lists are
 * left out; lists become one comma-separated value (the API takes `kind=parish,school`); `true`
 * becomes `true`. Keys keep their order, so equal searches give equal URLs.
 */
export function toParams(values: Record<string, ParamValue>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === false) continue;
    if (Array.isArray(value)) {
      const parts = value.map((v) => String(v).trim()).filter((v) => v.length > 0);
      if (parts.length > 0) params.set(key, parts.join(','));
      continue;
    }
    const text = String(value).trim();
    if (text.length > 0) params.set(key, text);
  }
  return params;
}

export function withQuery(path: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** A comma-separated or repeated parameter read back as a list. */
export function listParam(params: URLSearchParams, key: string): string[] {
  return params
    .getAll(key)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

// ---------------------------------------------------------------- partner search

export interface PartnerFilter {
  q?: string;
  neighbourhood?: string[];
  kind?: string[];
  targetGroup?: string[];
  category?: string[];
  age?: string;
  /** near a place: both or neither */
  lat?: string;
  lon?: string;
  /** metres, 1..50000; only with lat/lon */
  radius?: string;
}

export const DEFAULT_RADIUS = '2000';

export function hasPlace(f: PartnerFilter): boolean {
  return !!(f.lat && f.lat.trim() && f.lon && f.lon.trim());
}

/** GET /api/v1/partners?… for one page of a search. */
export function partnerSearchPath(
  f: PartnerFilter,
  page: { cursor?: string | null; limit?: number; facets?: boolean; count?: boolean } = {},
): string {
  const place = hasPlace(f);
  return withQuery(
    '/api/v1/partners',
    toParams({
      q: f.q,
      neighbourhood: f.neighbourhood,
      kind: f.kind,
      targetGroup: f.targetGroup,
      category: f.category,
      age: f.age,
      near: place ? `${f.lat!.trim()},${f.lon!.trim()}` : undefined,
      radius: place ? f.radius || undefined : undefined,
      limit: page.limit,
      cursor: page.cursor ?? undefined,
      count: page.count,
      facets: page.facets,
    }),
  );
}

/** The search's state in the page address (`#/?q=…`), so that reload and back keep it. */
export function partnerFilterToHash(f: PartnerFilter): string {
  const params = toParams({
    q: f.q,
    neighbourhood: f.neighbourhood,
    kind: f.kind,
    targetGroup: f.targetGroup,
    category: f.category,
    age: f.age,
    lat: f.lat,
    lon: f.lon,
    radius: hasPlace(f) ? f.radius : undefined,
  });
  return withQuery('#/', params);
}

export function partnerFilterFromParams(params: URLSearchParams): PartnerFilter {
  const text = (k: string) => params.get(k)?.trim() || undefined;
  return {
    q: text('q'),
    neighbourhood: listParam(params, 'neighbourhood'),
    kind: listParam(params, 'kind'),
    targetGroup: listParam(params, 'targetGroup'),
    category: listParam(params, 'category'),
    age: text('age'),
    lat: text('lat'),
    lon: text('lon'),
    radius: text('radius'),
  };
}

// ---------------------------------------------------------------- events

export interface EventFilter {
  /** window, as `YYYY-MM-DD` local dates (the start day and the last day, inclusive) */
  fromDate?: string;
  toDate?: string;
  q?: string;
  neighbourhood?: string[];
  partner?: string[];
  targetGroup?: string[];
  category?: string[];
  age?: string;
  free?: boolean;
  childcare?: boolean;
  stepFree?: boolean;
  timeOfDay?: string[];
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** ISO-8601 with the offset of the browser's zone for that moment, e.g. `2027-03-18T00:00:00+01:00`. */
export function isoWithOffset(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** `YYYY-MM-DD` of a date in the browser's zone (for <input type=date>). */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Start of a local day, or the start of the day after (for an inclusive end day). */
export function dayBoundary(date: string, endOfDay: boolean): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (endOfDay ? 1 : 0), 0, 0, 0);
  return isoWithOffset(d);
}

function eventFilterParams(f: EventFilter): Record<string, ParamValue> {
  return {
    neighbourhood: f.neighbourhood,
    partner: f.partner,
    targetGroup: f.targetGroup,
    category: f.category,
    age: f.age,
    free: f.free,
    childcare: f.childcare,
    stepFree: f.stepFree,
    q: f.q,
  };
}

/** GET /api/v1/events?… : occurrences in the window. */
export function eventSearchPath(f: EventFilter, page: { cursor?: string | null; limit?: number } = {}): string {
  return withQuery(
    '/api/v1/events',
    toParams({
      from: f.fromDate ? dayBoundary(f.fromDate, false) : undefined,
      to: f.toDate ? dayBoundary(f.toDate, true) : undefined,
      ...eventFilterParams(f),
      timeOfDay: f.timeOfDay,
      limit: page.limit,
      cursor: page.cursor ?? undefined,
    }),
  );
}

/**
 * The iCalendar feed for the same search. The window, time of day and paging are left out on
 * purpose: a subscribed calendar should keep the feed's own rolling window (90 days back, two
 * years on), and the feed does not take timeOfDay.
 */
export function calendarFeedPath(f: EventFilter): string {
  return withQuery('/api/v1/events/calendar.ics', toParams(eventFilterParams(f)));
}

/** `https://host/…/calendar.ics?…` and the same as `webcal://host/…` for calendar apps. */
export function calendarFeedUrls(f: EventFilter, origin: string): { http: string; webcal: string } {
  const base = origin.replace(/\/+$/, '');
  const http = base + calendarFeedPath(f);
  return { http, webcal: http.replace(/^https?:/i, 'webcal:') };
}

export function eventFilterToHash(f: EventFilter): string {
  return withQuery(
    '#/calendar',
    toParams({
      from: f.fromDate,
      to: f.toDate,
      ...eventFilterParams(f),
      timeOfDay: f.timeOfDay,
    }),
  );
}

export function eventFilterFromParams(params: URLSearchParams): EventFilter {
  const text = (k: string) => params.get(k)?.trim() || undefined;
  return {
    fromDate: text('from'),
    toDate: text('to'),
    q: text('q'),
    neighbourhood: listParam(params, 'neighbourhood'),
    partner: listParam(params, 'partner'),
    targetGroup: listParam(params, 'targetGroup'),
    category: listParam(params, 'category'),
    age: text('age'),
    free: params.get('free') === 'true',
    childcare: params.get('childcare') === 'true',
    stepFree: params.get('stepFree') === 'true',
    timeOfDay: listParam(params, 'timeOfDay'),
  };
}

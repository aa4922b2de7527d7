// Test-only mock of the Kiezwerk gateway: serves dist/ at `/` under the strict Content-Security-Policy
// and answers the API calls the web front end makes from canned demo data (e2e/fixtures/demo.json,
// made from deploy/local/demo-neighbourhood.txt). Enough behaviour for the e2e suite: filters, paging
// with nextCursor, problem+json errors, ego networks, communities, key actors and the gap view.
//   node e2e/mock-api.mjs [port]      (default 8089; 0 picks a free port)
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const DIST = join(here, '..', 'dist');
export const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'";
export const EMBED_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *";
const demo = JSON.parse(readFileSync(join(here, 'fixtures', 'demo.json'), 'utf8'));

// ------------------------------------------------------------------ data
const NOW = '2026-11-01T12:00:00+01:00';
const neighbourhoods = demo.neighbourhoods.map((n) => ({ ...n, boundary: null }));
const nByCode = new Map(neighbourhoods.map((n) => [n.code, n]));
const terms = new Map([...demo.targetGroups, ...demo.categories].map((t) => [t.code, t]));
const termRef = (code) => {
  const t = terms.get(code) ?? { code };
  return { code, nameDe: t.nameDe, nameEn: t.nameEn, ageMin: t.ageMin ?? undefined, ageMax: t.ageMax ?? undefined };
};
const partners = demo.partners.map((p) => ({
  id: p.id,
  name: p.name,
  alternateNames: p.alternateNames ?? [],
  kind: p.kind,
  description: p.description ?? null,
  neighbourhoods: (p.neighbourhoods ?? []).map((c) => {
    const n = nByCode.get(c);
    return { id: n.id, code: n.code, name: n.name, level: n.level };
  }),
  addresses: p.addresses ?? [],
  email: p.email ?? null,
  phone: p.phone ?? null,
  website: p.website ?? null,
  languages: p.languages ?? [],
  accessibility: p.accessibility ?? null,
  openingHours: p.openingHours ?? null,
  status: p.status ?? 'active',
  source: p.source ?? null,
  lastVerified: p.lastVerified ?? null,
  version: 0,
  createdAt: NOW,
  updatedAt: NOW,
}));
const pById = new Map(partners.map((p) => [p.id, p]));
const offers = demo.offers.map((o) => ({
  ...o,
  partnerName: pById.get(o.partnerId)?.name,
  category: o.category ? termRef(o.category) : null,
  targetGroups: (o.targetGroups ?? []).map(termRef),
  version: 0,
}));
const resources = demo.resources.map((r) => ({ ...r, partnerName: pById.get(r.partnerId)?.name, version: 0 }));

/** codes of an area and everything below it */
function within(code) {
  const out = new Set([code]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of neighbourhoods) if (n.parent && out.has(n.parent) && !out.has(n.code)) out.add(n.code), (grew = true);
  }
  return out;
}
const fold = (s) =>
  String(s ?? '')
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
function metres(a, b) {
  const r = 6371000;
  const rad = (d) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}

// ------------------------------------------------------------------ answers
class Problem extends Error {
  constructor(status, title, detail, extra = {}) {
    super(detail);
    this.body = { type: `/problems/${status === 404 ? 'not-found' : status === 422 ? 'invalid-reference' : 'validation'}`, title, status, detail, ...extra };
  }
}
const invalid = (field, message) =>
  new Problem(400, 'Invalid request', `${field} ${message}`, { errors: [{ field, message }] });
const list = (params, key) =>
  params
    .getAll(key)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
function intParam(params, key, min, max) {
  const v = params.get(key);
  if (v === null || v.trim() === '') return null;
  if (!/^-?\d+$/.test(v.trim()) || Number(v) < min || Number(v) > max) throw invalid(key, `must be a whole number from ${min} to ${max}`);
  return Number(v);
}
function paged(items, params, extra = {}) {
  const limit = intParam(params, 'limit', 1, 200) ?? 20;
  const cursor = params.get('cursor');
  let start = 0;
  if (cursor) {
    start = Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^at:/, ''));
    if (!Number.isInteger(start) || start < 0) throw invalid('cursor', 'is not a cursor from an earlier answer');
  }
  const page = items.slice(start, start + limit);
  const next = start + limit < items.length ? Buffer.from(`at:${start + limit}`).toString('base64url') : null;
  return { items: page, nextCursor: next, ...(params.get('count') === 'true' ? { total: items.length } : {}), ...extra };
}

function offerMatches(o, groups, age, categories) {
  if (groups.length && !o.targetGroups.some((g) => groups.includes(g.code))) return false;
  if (categories.length && !(o.category && categories.includes(o.category.code))) return false;
  if (age !== null) {
    let ranges = [];
    if (o.ageMin != null || o.ageMax != null) ranges = [[o.ageMin ?? 0, o.ageMax ?? 200]];
    else ranges = o.targetGroups.filter((g) => g.ageMin != null || g.ageMax != null).map((g) => [g.ageMin ?? 0, g.ageMax ?? 200]);
    if (!ranges.some(([lo, hi]) => age >= lo && age <= hi)) return false;
  }
  return true;
}

function searchPartners(params) {
  const q = params.get('q')?.trim();
  if (q && q.length > 200) throw invalid('q', 'must be at most 200 characters');
  const areas = list(params, 'neighbourhood');
  for (const a of areas) if (!nByCode.has(a)) throw new Problem(422, 'Unknown reference', `unknown neighbourhood: ${a}`);
  const kinds = list(params, 'kind');
  const groups = list(params, 'targetGroup');
  for (const g of groups) if (!terms.has(g)) throw new Problem(422, 'Unknown reference', `unknown target group: ${g}`);
  const categories = list(params, 'category');
  const age = intParam(params, 'age', 0, 120);
  let near = null;
  if (params.get('near')) {
    const [lat, lon] = params.get('near').split(',').map(Number);
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
      throw invalid('near', 'must be lat,lon in degrees (WGS 84), such as 50.099,8.210');
    near = { lat, lon, radius: intParam(params, 'radius', 1, 50000) ?? 2000 };
  } else if (params.get('radius')) throw invalid('radius', 'needs near=lat,lon');
  const status = params.get('status') || 'active';
  const areaSet = new Set(areas.flatMap((a) => [...within(a)]));
  const found = [];
  for (const p of partners) {
    if (status !== 'any' && p.status !== status) continue;
    if (kinds.length && !kinds.includes(p.kind)) continue;
    if (areaSet.size && !p.neighbourhoods.some((n) => areaSet.has(n.code))) continue;
    const mine = offers.filter((o) => o.partnerId === p.id);
    if ((groups.length || categories.length || age !== null) && !mine.some((o) => offerMatches(o, groups, age, categories))) continue;
    if (q) {
      const words = fold(q).split(/\s+/).filter(Boolean);
      const text = fold([p.name, ...p.alternateNames, p.description, ...mine.map((o) => `${o.name} ${o.description}`)].join(' '));
      if (!words.every((w) => text.includes(w))) continue;
    }
    let distance;
    if (near) {
      const ds = p.addresses.filter((a) => a.lat != null).map((a) => metres(near, a));
      if (!ds.length) continue;
      distance = Math.round(Math.min(...ds));
      if (distance > near.radius) continue;
    }
    found.push(distance === undefined ? p : { ...p, distanceMetres: distance });
  }
  if (near) found.sort((a, b) => a.distanceMetres - b.distanceMetres || a.id.localeCompare(b.id));
  else found.sort((a, b) => a.name.localeCompare(b.name, 'de') || a.id.localeCompare(b.id));
  const extra = {};
  if (params.get('facets') === 'true') {
    const facets = { neighbourhood: {}, kind: {}, targetGroup: {}, category: {} };
    const inc = (f, k) => (facets[f][k] = (facets[f][k] ?? 0) + 1);
    for (const p of found) {
      const ns = new Set();
      for (const n of p.neighbourhoods) {
        let c = nByCode.get(n.code);
        while (c) ns.add(c.code), (c = c.parent ? nByCode.get(c.parent) : null);
      }
      ns.forEach((c) => inc('neighbourhood', c));
      inc('kind', p.kind);
      const mine = offers.filter((o) => o.partnerId === p.id);
      new Set(mine.flatMap((o) => o.targetGroups.map((g) => g.code))).forEach((g) => inc('targetGroup', g));
      new Set(mine.map((o) => o.category?.code).filter(Boolean)).forEach((c) => inc('category', c));
    }
    extra.facets = facets;
  }
  return paged(found, params, extra);
}

function gaps(params) {
  const code = params.get('neighbourhood')?.trim();
  if (!code) throw invalid('neighbourhood', 'is required');
  if (!nByCode.has(code)) throw new Problem(404, 'Not found', `no neighbourhood ${code}`);
  const quarters = [...within(code)].map((c) => nByCode.get(c)).filter((n) => n.level === 'quarter');
  const areas = (quarters.length ? quarters : [nByCode.get(code)]).sort((a, b) => a.name.localeCompare(b.name, 'de'));
  return {
    neighbourhood: code,
    areas: areas.map((a) => {
      const counts = {};
      const gapsHere = [];
      for (const g of demo.targetGroups) {
        const ids = new Set(
          offers
            .filter((o) => o.targetGroups.some((t) => t.code === g.code))
            .map((o) => pById.get(o.partnerId))
            .filter((p) => p && p.status === 'active' && p.neighbourhoods.some((n) => n.code === a.code))
            .map((p) => p.id),
        );
        counts[g.code] = ids.size;
        if (ids.size === 0) gapsHere.push(g.code);
      }
      return { code: a.code, name: a.name, partners: counts, gaps: gapsHere };
    }),
  };
}

// --- events
const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
function berlinOffset(y, mo, d, h, mi) {
  // offset of Europe/Berlin at that local time, via Intl
  const guess = Date.UTC(y, mo - 1, d, h, mi) - 3600_000;
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', timeZoneName: 'shortOffset' })
    .formatToParts(new Date(guess))
    .find((p) => p.type === 'timeZoneName').value; // GMT+1
  const m = /GMT([+-]\d+)/.exec(name);
  return m ? Number(m[1]) : 1;
}
function zoned(local) {
  const [date, time] = local.split('T');
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const off = berlinOffset(y, mo, d, h, mi);
  const iso = `${date}T${time.length === 5 ? time + ':00' : time}${off >= 0 ? '+' : '-'}${String(Math.abs(off)).padStart(2, '0')}:00`;
  return { iso, at: Date.parse(iso), local: local.slice(0, 16) };
}
function addDays(local, n) {
  const [date, time] = local.split('T');
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return `${d.toISOString().slice(0, 10)}T${time}`;
}
function occurrencesOf(e) {
  const length = zoned(e.end).at - zoned(e.start).at;
  const cancelled = new Set(demo.cancellations.filter((c) => c.eventId === e.id).map((c) => c.occurrence));
  const exceptions = new Set(e.recurrence?.exceptions ?? []);
  const starts = [];
  const rule = Object.fromEntries((e.recurrence?.rule ?? '').split(';').filter(Boolean).map((kv) => kv.split('=')));
  if (rule.FREQ === 'WEEKLY') {
    const byDay = (rule.BYDAY ?? DAYS[new Date(`${e.start.slice(0, 10)}T00:00:00Z`).getUTCDay()]).split(',');
    const until = rule.UNTIL ? Date.parse(rule.UNTIL.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z')) : Infinity;
    const count = rule.COUNT ? Number(rule.COUNT) : 500;
    for (let i = 0, local = e.start; starts.length < count && i < 800; i++, local = addDays(local, 1)) {
      const day = DAYS[new Date(`${local.slice(0, 10)}T00:00:00Z`).getUTCDay()];
      if (!byDay.includes(day)) continue;
      const z = zoned(local);
      if (z.at > until) break;
      starts.push(z);
    }
  } else starts.push(zoned(e.start));
  return starts
    .filter((s) => !exceptions.has(s.local))
    .map((s) => ({ start: s, end: new Date(s.at + length), cancelled: e.status === 'cancelled' || cancelled.has(s.local) }));
}
function eventView(e) {
  const start = zoned(e.start);
  const hour = Number(e.start.slice(11, 13));
  return {
    ...e,
    timeZone: e.timeZone ?? 'Europe/Berlin',
    start: start.iso,
    end: zoned(e.end).iso,
    timeOfDay: hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening',
    cancelledOccurrences: demo.cancellations.filter((c) => c.eventId === e.id).map((c) => c.occurrence),
    partners: e.partners.map((p) => ({ ...p, partnerName: pById.get(p.partnerId)?.name })),
    sequence: 0,
    version: 0,
  };
}
function isoOut(ms, local) {
  return zoned(local).iso && new Date(ms).toISOString();
}
function time(params, key, fallback) {
  const v = params.get(key);
  if (!v) return fallback;
  const t = Date.parse(v);
  if (!/[+-]\d{2}:\d{2}$|Z$/.test(v) || Number.isNaN(t)) throw invalid(key, 'must be ISO-8601 with offset');
  return t;
}
function eventMatches(e, params) {
  const areas = list(params, 'neighbourhood');
  const ps = list(params, 'partner');
  const groups = list(params, 'targetGroup');
  const cats = list(params, 'category');
  const q = params.get('q')?.trim();
  const age = intParam(params, 'age', 0, 120);
  if (areas.length && !areas.includes(e.neighbourhood)) return false;
  if (ps.length && !e.partners.some((p) => ps.includes(p.partnerId))) return false;
  if (groups.length && !(e.targetGroups ?? []).some((g) => groups.includes(g))) return false;
  if (cats.length && !cats.includes(e.category)) return false;
  if (params.get('free') === 'true' && e.cost?.kind !== 'free') return false;
  if (params.get('childcare') === 'true' && !e.childcare) return false;
  if (params.get('stepFree') === 'true' && !(e.accessibility ?? []).includes('step_free')) return false;
  if (q && !fold(`${e.title} ${e.description}`).includes(fold(q))) return false;
  if (age !== null && ((e.ageMin != null && age < e.ageMin) || (e.ageMax != null && age > e.ageMax))) return false;
  return true;
}
function searchEvents(params) {
  const from = time(params, 'from', Date.now());
  const to = time(params, 'to', from + 90 * 86400_000);
  if (to < from) throw invalid('to', 'must be after from');
  if (to - from > 2 * 366 * 86400_000) throw invalid('to', 'must be at most two years after from');
  const times = list(params, 'timeOfDay');
  const found = [];
  for (const e of demo.events) {
    if (!eventMatches(e, params)) continue;
    const view = eventView(e);
    if (times.length && !times.includes(view.timeOfDay)) continue;
    for (const o of occurrencesOf(e)) {
      if (o.start.at < from || o.start.at >= to) continue;
      found.push({ eventId: e.id, start: o.start.iso, end: isoOut(o.end.getTime(), e.end), cancelled: o.cancelled, event: view, _at: o.start.at });
    }
  }
  found.sort((a, b) => a._at - b._at || a.eventId.localeCompare(b.eventId));
  return paged(found.map(({ _at, ...o }) => o), params);
}
function calendar(params) {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kiezwerk//mock//DE', 'X-WR-CALNAME:Kiezwerk'];
  for (const e of demo.events) {
    if (!eventMatches(e, params)) continue;
    lines.push('BEGIN:VEVENT', `UID:${e.id}@kiezwerk`, `SUMMARY:${e.title}`, `DTSTART;TZID=Europe/Berlin:${e.start.replace(/[-:]/g, '')}00`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n') + '\r\n';
}

// --- network: co-production ties from the events plus the fixture's cooperation ties
const tieMap = new Map();
function addTie(a, b, w) {
  if (a === b || !pById.has(a) || !pById.has(b)) return;
  const [x, y] = a < b ? [a, b] : [b, a];
  tieMap.set(`${x}~${y}`, (tieMap.get(`${x}~${y}`) ?? 0) + w);
}
for (const e of demo.events) {
  const ids = [...new Set(e.partners.map((p) => p.partnerId))];
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) addTie(ids[i], ids[j], 1);
}
for (const t of demo.ties) addTie(t.from, t.to, t.strength / 5);
const ties = [...tieMap.entries()].map(([id, w]) => {
  const [a, b] = id.split('~');
  return { id, a, b, weight: Math.round(w * 100) / 100 };
});
const orgIds = () => partners.filter((p) => p.status === 'active').map((p) => p.id);
function areaOrgs(code) {
  if (!code) return new Set(orgIds());
  if (!/^[a-z0-9][a-z0-9_-]{0,79}$/.test(code)) throw invalid('neighbourhood', 'must be a neighbourhood code');
  const set = within(code);
  return new Set(partners.filter((p) => p.status === 'active' && p.neighbourhoods.some((n) => set.has(n.code))).map((p) => p.id));
}
function cytoscape(ids) {
  return {
    elements: {
      nodes: [...ids].map((id) => ({ data: { id, label: pById.get(id).name, kind: pById.get(id).kind } })),
      edges: ties.filter((t) => ids.has(t.a) && ids.has(t.b)).map((t) => ({ data: { id: t.id, source: t.a, target: t.b, weight: t.weight } })),
    },
  };
}
function ego(id, depth) {
  if (!pById.has(id)) throw new Problem(404, 'Not found', `no actor ${id}`);
  const reached = new Set([id]);
  let frontier = [id];
  for (let d = 0; d < depth; d++) {
    const next = [];
    for (const n of frontier)
      for (const t of ties) {
        const other = t.a === n ? t.b : t.b === n ? t.a : null;
        if (other && !reached.has(other)) reached.add(other), next.push(other);
      }
    frontier = next;
  }
  return cytoscape(reached);
}
/** connected components of the area's graph (the real service uses label propagation) */
function communities(code) {
  const ids = areaOrgs(code);
  const seen = new Set();
  const groups = [];
  for (const start of ids) {
    if (seen.has(start)) continue;
    const members = [];
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      const n = stack.pop();
      members.push(n);
      for (const t of ties) {
        const o = t.a === n ? t.b : t.b === n ? t.a : null;
        if (o && ids.has(o) && !seen.has(o)) seen.add(o), stack.push(o);
      }
    }
    groups.push(members);
  }
  groups.sort((a, b) => b.length - a.length);
  return {
    scope: code ?? null,
    organisations: ids.size,
    communities: groups.map((m, i) => ({
      id: i,
      size: m.length,
      members: m.map((id) => ({ id, name: pById.get(id).name })).sort((a, b) => a.name.localeCompare(b.name, 'de')),
      tiesInside: ties.filter((t) => m.includes(t.a) && m.includes(t.b)).length,
      tiesToOthers: 0,
    })),
  };
}
function keyActors(code, limit) {
  const ids = [...areaOrgs(code)];
  const set = new Set(ids);
  const inside = ties.filter((t) => set.has(t.a) && set.has(t.b));
  const wdeg = new Map(ids.map((i) => [i, 0]));
  const deg = new Map(ids.map((i) => [i, 0]));
  for (const t of inside) {
    deg.set(t.a, deg.get(t.a) + 1), deg.set(t.b, deg.get(t.b) + 1);
    wdeg.set(t.a, wdeg.get(t.a) + t.weight), wdeg.set(t.b, wdeg.get(t.b) + t.weight);
  }
  let pr = new Map(ids.map((i) => [i, 1 / ids.length]));
  for (let k = 0; k < 40; k++) {
    const next = new Map(ids.map((i) => [i, 0.15 / ids.length]));
    for (const i of ids) {
      if (wdeg.get(i) === 0) {
        for (const j of ids) next.set(j, next.get(j) + (0.85 * pr.get(i)) / ids.length);
        continue;
      }
      for (const t of inside) {
        const o = t.a === i ? t.b : t.b === i ? t.a : null;
        if (o) next.set(o, next.get(o) + (0.85 * pr.get(i) * t.weight) / wdeg.get(i));
      }
    }
    pr = next;
  }
  const comm = new Map();
  communities(code).communities.forEach((c) => c.members.forEach((m) => comm.set(m.id, c.id)));
  const actors = ids
    .map((id) => ({
      id,
      name: pById.get(id).name,
      kind: pById.get(id).kind,
      degree: deg.get(id),
      weightedDegree: Math.round(wdeg.get(id) * 100) / 100,
      pageRank: Number(pr.get(id).toPrecision(6)), // six significant digits, as network-service publishes them
      betweenness: 0,
      articulationPoint: deg.get(id) > 3,
      community: comm.get(id) ?? -1,
      communitiesReached: 1,
      broker: false,
    }))
    .sort((a, b) => b.pageRank - a.pageRank || a.id.localeCompare(b.id))
    .slice(0, limit);
  return { scope: code ?? null, organisations: ids.length, ties: inside.length, betweennessMethod: 'exact', actors };
}

// ------------------------------------------------------------------ routing
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
function api(path, params) {
  let m;
  if (path === '/api/v1/neighbourhoods') return paged(neighbourhoods.sort((a, b) => a.code.localeCompare(b.code)), params);
  if ((m = /^\/api\/v1\/taxonomies\/(target_groups|offer_categories)\/terms$/.exec(path)))
    return paged(m[1] === 'target_groups' ? demo.targetGroups : demo.categories, params);
  if (path === '/api/v1/partners') return searchPartners(params);
  if (path === '/api/v1/partners/gaps') return gaps(params);
  if ((m = new RegExp(`^/api/v1/partners/(${UUID})(/offers|/resources)?$`).exec(path))) {
    const p = pById.get(m[1]);
    if (!p) throw new Problem(404, 'Not found', `There is no partner ${m[1]}.`);
    if (m[2] === '/offers') return offers.filter((o) => o.partnerId === p.id);
    if (m[2] === '/resources') return resources.filter((r) => r.partnerId === p.id);
    return p;
  }
  if ((m = /^\/api\/v1\/partners\/([^/]+)$/.exec(path))) throw invalid('id', 'must be a UUID');
  if (path === '/api/v1/events') return searchEvents(params);
  if ((m = new RegExp(`^/api/v1/network/actors/(${UUID})/network$`).exec(path))) {
    const d = params.get('depth') ?? '1';
    if (!['1', '2', '3'].includes(d)) throw invalid('depth', 'must be 1, 2 or 3');
    return ego(m[1], Number(d));
  }
  if (path === '/api/v1/network/export') {
    if (params.get('format') !== 'cytoscape') throw invalid('format', 'the mock knows only cytoscape');
    return cytoscape(areaOrgs(params.get('neighbourhood') || undefined));
  }
  if (path === '/api/v1/analytics/communities') return communities(params.get('neighbourhood') || undefined);
  if (path === '/api/v1/analytics/key-actors')
    return keyActors(params.get('neighbourhood') || undefined, intParam(params, 'limit', 1, 500) ?? 20);
  throw new Problem(404, 'Not found', `No resource at ${path}.`);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json' };

export function startMock(port = 8089, host = '127.0.0.1') {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://mock');
    const send = (status, type, body, headers = {}) => {
      res.writeHead(status, { 'Content-Type': type, 'X-Request-Id': 'mock', 'X-Content-Type-Options': 'nosniff', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(405, 'application/problem+json', JSON.stringify({ type: '/problems/http-405', title: 'Method Not Allowed', status: 405, detail: 'The mock is read-only.' }));
    }
    if (url.pathname.startsWith('/api/')) {
      if (url.pathname === '/api/v1/events/calendar.ics') {
        try {
          return send(200, 'text/calendar; charset=utf-8', calendar(url.searchParams));
        } catch (e) {
          if (!(e instanceof Problem)) throw e;
          return send(e.body.status, 'application/problem+json', JSON.stringify(e.body));
        }
      }
      try {
        return send(200, 'application/json', JSON.stringify(api(url.pathname, url.searchParams)));
      } catch (e) {
        if (e instanceof Problem) return send(e.body.status, 'application/problem+json', JSON.stringify({ ...e.body, instance: url.pathname }));
        console.error(e);
        return send(500, 'application/problem+json', JSON.stringify({ title: 'Internal Server Error', status: 500, detail: String(e) }));
      }
    }
    // the embed pages, as the gateway serves them (api/EmbedPage): framable by any site, links for blog platforms
    const embed = /^\/embed\/(partners|neighbourhoods)\/([^/]+)$/.exec(url.pathname);
    if (embed) {
      const self = `http://${req.headers.host}${url.pathname}`;
      const feed = `/api/v1/events/feed.atom?${embed[1] === 'partners' ? 'partner' : 'neighbourhood'}=${embed[2]}`;
      const links = `<link rel="alternate" type="application/json+oembed" href="/api/v1/oembed?format=json&amp;url=${encodeURIComponent(self)}" />`
        + `<link rel="alternate" type="application/atom+xml" href="${feed.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}" />`;
      const html = readFileSync(join(DIST, 'embed.html'), 'utf8').replaceAll('"./assets/', '"/assets/').replace('<!--kiezwerk:links-->', links);
      return send(200, TYPES['.html'], html, { 'Content-Security-Policy': EMBED_CSP, 'Cache-Control': 'public, max-age=300', 'Referrer-Policy': 'strict-origin-when-cross-origin' });
    }
    // static files from dist/, with the page's Content-Security-Policy
    let file = normalize(join(DIST, decodeURIComponent(url.pathname)));
    if (!file.startsWith(DIST)) return send(404, 'text/plain', 'not found');
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return send(404, 'text/plain', 'not found');
    const headers = { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache', 'Referrer-Policy': 'no-referrer' };
    return send(200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file), headers);
  });
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const address = server.address();
      resolve({ server, url: `http://${host}:${address.port}` });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!existsSync(join(DIST, 'index.html'))) console.warn('dist/ is empty: run `npm run build` first');
  const { url } = await startMock(Number(process.argv[2] ?? process.env.PORT ?? 8089));
  console.log(`mock Kiezwerk API and web front end at ${url}`);
}

import { describe, expect, it } from 'vitest';
import { ApiError, KiezwerkApi } from '../src/api/client';

type Call = { url: string; init?: RequestInit };

function fake(answers: Response[] | ((url: string) => Response)) {
  const calls: Call[] = [];
  const fetchFn = async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    if (typeof answers === 'function') return answers(url);
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next;
  };
  return { calls, fetchFn };
}
const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

describe('KiezwerkApi', () => {
  it('asks for JSON on the same origin and returns the page', async () => {
    const { calls, fetchFn } = fake([json({ items: [{ id: '1', name: 'A' }], nextCursor: 'c2', total: 3 })]);
    const api = new KiezwerkApi('', fetchFn);
    const page = await api.searchPartners({ q: 'Kita', neighbourhood: ['lindenhof'] });
    expect(page.nextCursor).toBe('c2');
    expect(calls[0].url).toBe('/api/v1/partners?q=Kita&neighbourhood=lindenhof&limit=20&count=true&facets=true');
    expect((calls[0].init?.headers as Record<string, string>).Accept).toContain('application/json');
  });

  it('asks for the next page with the cursor and without counting again', async () => {
    const { calls, fetchFn } = fake([json({ items: [], nextCursor: null })]);
    await new KiezwerkApi('', fetchFn).searchPartners({ q: 'Kita' }, 'abc+/=');
    const url = new URL(calls[0].url, 'http://x');
    expect(url.searchParams.get('cursor')).toBe('abc+/=');
    expect(url.searchParams.has('count')).toBe(false);
    expect(url.searchParams.has('facets')).toBe(false);
  });

  it('turns problem+json into an ApiError with title and detail', async () => {
    const problem = { type: '/problems/validation', title: 'Invalid request', status: 400, detail: 'age must be 0..120', errors: [{ field: 'age', message: 'must be 0..120' }] };
    const { fetchFn } = fake([json(problem, 400, 'application/problem+json')]);
    const error = await new KiezwerkApi('', fetchFn).searchPartners({ age: '500' }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.problem.title).toBe('Invalid request');
    expect(error.problem.errors[0].field).toBe('age');
    expect(error.message).toBe('age must be 0..120');
  });

  it('copes with an error that is not JSON (e.g. a proxy page)', async () => {
    const { fetchFn } = fake([new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } })]);
    const error = await new KiezwerkApi('', fetchFn).partner('x').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.problem).toEqual({ status: 502, title: 'Bad Gateway' });
  });

  it('reports a network failure as status 0', async () => {
    const api = new KiezwerkApi('', async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await api.gaps('lindenhof').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
  });

  it('reads all pages of a vocabulary', async () => {
    const { calls, fetchFn } = fake([
      json({ items: [{ code: 'a' }], nextCursor: 'n1' }),
      json({ items: [{ code: 'b' }], nextCursor: null }),
    ]);
    const terms = await new KiezwerkApi('', fetchFn).terms('target_groups');
    expect(terms.map((t) => t.code)).toEqual(['a', 'b']);
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/taxonomies/target_groups/terms?limit=200',
      '/api/v1/taxonomies/target_groups/terms?limit=200&cursor=n1',
    ]);
  });

  it('accepts offers as a plain array or as a list page', async () => {
    const { fetchFn } = fake([json([{ id: 'o1' }]), json({ items: [{ id: 'o2' }], nextCursor: null })]);
    const api = new KiezwerkApi('', fetchFn);
    expect((await api.partnerOffers('p')).map((o) => o.id)).toEqual(['o1']);
    expect((await api.partnerOffers('p')).map((o) => o.id)).toEqual(['o2']);
  });

  it('calls the network and analytics endpoints with their parameters', async () => {
    const { calls, fetchFn } = fake(() => json({}));
    const api = new KiezwerkApi('http://gw/', fetchFn);
    await api.egoNetwork('9f32', 2);
    await api.networkExport('lindenhof');
    await api.networkExport(undefined);
    await api.keyActors('lindenhof');
    await api.communities(undefined);
    await api.gaps('auenstadt-sued');
    await api.partnerResources('p 1');
    expect(calls.map((c) => c.url)).toEqual([
      'http://gw/api/v1/network/actors/9f32/network?depth=2',
      'http://gw/api/v1/network/export?format=cytoscape&neighbourhood=lindenhof',
      'http://gw/api/v1/network/export?format=cytoscape',
      'http://gw/api/v1/analytics/key-actors?neighbourhood=lindenhof&limit=500',
      'http://gw/api/v1/analytics/communities',
      'http://gw/api/v1/partners/gaps?neighbourhood=auenstadt-sued',
      'http://gw/api/v1/partners/p%201/resources',
    ]);
  });

  it('searches events of one partner in a window', async () => {
    const { calls, fetchFn } = fake([json({ items: [], nextCursor: null })]);
    await new KiezwerkApi('', fetchFn).searchEvents({ fromDate: '2027-01-01', toDate: '2027-12-31', partner: ['p1'] }, null, undefined, 10);
    const url = new URL(calls[0].url, 'http://x');
    expect(url.pathname).toBe('/api/v1/events');
    expect(url.searchParams.get('partner')).toBe('p1');
    expect(url.searchParams.get('limit')).toBe('10');
    expect(url.searchParams.get('from')).toMatch(/^2027-01-01T00:00:00[+-]\d\d:\d\d$/);
  });
});

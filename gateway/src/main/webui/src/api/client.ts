// A small client for the Kiezwerk API on the same origin (the gateway serves this page at `/`).
import type {
  Communities,
  CyGraph,
  Gaps,
  KeyActors,
  ListPage,
  Neighbourhood,
  Occurrence,
  Offer,
  Partner,
  PartnerSearchPage,
  ProblemDetails,
  Resource,
  Term,
} from './types';
import { eventSearchPath, partnerSearchPath, toParams, withQuery } from '../lib/query';
import type { EventFilter, PartnerFilter } from '../lib/query';

/** An answer that was not 2xx: carries the RFC 9457 problem (or what we could make of the answer). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemDetails) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

async function problemOf(response: Response): Promise<ProblemDetails> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as ProblemDetails;
      if (body && typeof body === 'object') return { status: response.status, ...body };
    } catch {
      // fall through
    }
  }
  return { status: response.status, title: response.statusText || `HTTP ${response.status}` };
}

export class KiezwerkApi {
  private readonly base: string;
  private readonly fetchFn: FetchLike;

  constructor(base = '', fetchFn?: FetchLike) {
    this.base = base.replace(/\/+$/, '');
    this.fetchFn = fetchFn ?? ((input, init) => fetch(input, init));
  }

  /** GET a JSON resource; throws ApiError with the problem's title/detail on 4xx/5xx and network failure. */
  async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchFn(this.base + path, {
        headers: { Accept: 'application/json, application/problem+json' },
        signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, { title: 'network', detail: e instanceof Error ? e.message : String(e) });
    }
    if (!response.ok) throw new ApiError(response.status, await problemOf(response));
    return (await response.json()) as T;
  }

  /** All pages of a list (for the small vocabularies: neighbourhoods, taxonomy terms). */
  async all<T>(path: string, signal?: AbortSignal, maxPages = 20): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < maxPages; i++) {
      const sep: string = path.includes('?') ? '&' : '?';
      const page: ListPage<T> = await this.get<ListPage<T>>(
        path + sep + toParams({ limit: 200, cursor }).toString(),
        signal,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return items;
  }

  // --- directory (partner-service)
  searchPartners(f: PartnerFilter, cursor?: string | null, signal?: AbortSignal, limit = 20): Promise<PartnerSearchPage> {
    return this.get(partnerSearchPath(f, { cursor, limit, facets: !cursor, count: !cursor }), signal);
  }

  partner(id: string, signal?: AbortSignal): Promise<Partner> {
    return this.get(`/api/v1/partners/${encodeURIComponent(id)}`, signal);
  }

  partnerOffers(id: string, signal?: AbortSignal): Promise<Offer[]> {
    return this.get<Offer[] | ListPage<Offer>>(`/api/v1/partners/${encodeURIComponent(id)}/offers`, signal).then(listOf);
  }

  partnerResources(id: string, signal?: AbortSignal): Promise<Resource[]> {
    return this.get<Resource[] | ListPage<Resource>>(`/api/v1/partners/${encodeURIComponent(id)}/resources`, signal).then(listOf);
  }

  neighbourhoods(signal?: AbortSignal): Promise<Neighbourhood[]> {
    return this.all<Neighbourhood>('/api/v1/neighbourhoods', signal);
  }

  terms(taxonomy: 'target_groups' | 'offer_categories', signal?: AbortSignal): Promise<Term[]> {
    return this.all<Term>(`/api/v1/taxonomies/${taxonomy}/terms`, signal);
  }

  gaps(neighbourhood: string, signal?: AbortSignal): Promise<Gaps> {
    return this.get(withQuery('/api/v1/partners/gaps', toParams({ neighbourhood })), signal);
  }

  // --- events (event-service)
  searchEvents(f: EventFilter, cursor?: string | null, signal?: AbortSignal, limit = 50): Promise<ListPage<Occurrence>> {
    return this.get(eventSearchPath(f, { cursor, limit }), signal);
  }

  // --- network (network-service)
  egoNetwork(id: string, depth = 1, signal?: AbortSignal): Promise<CyGraph> {
    return this.get(
      withQuery(`/api/v1/network/actors/${encodeURIComponent(id)}/network`, toParams({ depth })),
      signal,
    );
  }

  networkExport(neighbourhood: string | undefined, signal?: AbortSignal): Promise<CyGraph> {
    return this.get(withQuery('/api/v1/network/export', toParams({ format: 'cytoscape', neighbourhood })), signal);
  }

  keyActors(neighbourhood: string | undefined, signal?: AbortSignal, limit = 500): Promise<KeyActors> {
    return this.get(withQuery('/api/v1/analytics/key-actors', toParams({ neighbourhood, limit })), signal);
  }

  communities(neighbourhood: string | undefined, signal?: AbortSignal): Promise<Communities> {
    return this.get(withQuery('/api/v1/analytics/communities', toParams({ neighbourhood })), signal);
  }
}

/** The partner's offers/resources are a plain array today; accept a list page too. */
function listOf<T>(answer: T[] | ListPage<T>): T[] {
  return Array.isArray(answer) ? answer : answer?.items ?? [];
}

export const api = new KiezwerkApi('');

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Partner, PartnerSearchPage } from '../api/types';
import { Field, Loading, ProblemBox, Select, neighbourhoodOptions, usePageTitle, useVocab } from '../components/common';
import { PARTNER_KINDS, useI18n } from '../i18n';
import type { PartnerFilter } from '../lib/query';
import { DEFAULT_RADIUS, hasPlace, partnerFilterFromParams, partnerFilterToHash } from '../lib/query';
import { navigate, partnerHref } from '../lib/router';

interface Results {
  /** the page address's query these results answer (for tests and to ignore stale answers) */
  key: string;
  items: Partner[];
  nextCursor: string | null;
  total?: number | null;
  facets?: PartnerSearchPage['facets'];
}

export function SearchPage({ params }: { params: URLSearchParams }) {
  const i = useI18n();
  const { t } = i;
  const vocab = useVocab();
  usePageTitle(t.searchTitle);
  const applied = partnerFilterFromParams(params);
  const appliedKey = params.toString();
  const [form, setForm] = useState<PartnerFilter>(applied);
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [centre, setCentre] = useState('');

  useEffect(() => setForm(partnerFilterFromParams(params)), [appliedKey]);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api.searchPartners(applied, null, controller.signal).then(
      (page) => {
        setResults({ ...page, key: appliedKey });
        setLoading(false);
      },
      (e) => {
        if (controller.signal.aborted) return;
        setError(e);
        setResults(null);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [appliedKey]);

  const more = () => {
    if (!results?.nextCursor) return;
    setLoading(true);
    api.searchPartners(applied, results.nextCursor).then(
      (page) => {
        setResults({ ...results, items: [...results.items, ...page.items], nextCursor: page.nextCursor });
        setLoading(false);
      },
      (e) => {
        setError(e);
        setLoading(false);
      },
    );
  };

  const submit = (e: Event) => {
    e.preventDefault();
    const f = { ...form };
    if (hasPlace(f) && !f.radius) f.radius = DEFAULT_RADIUS;
    navigate(partnerFilterToHash(f));
  };

  const set = (patch: Partial<PartnerFilter>) => setForm({ ...form, ...patch });
  const one = (v: string) => (v ? [v] : []);
  const neighbourhoods = neighbourhoodOptions(vocab.neighbourhoods);
  const nameOfNeighbourhood = (code: string) => vocab.neighbourhoodByCode.get(code)?.name ?? code;

  const pickCentre = (code: string) => {
    setCentre(code);
    const c = vocab.neighbourhoodByCode.get(code)?.centre;
    if (c) set({ lat: String(c.lat), lon: String(c.lon), radius: form.radius || DEFAULT_RADIUS });
  };

  const facetLabel = (facet: string, code: string) =>
    facet === 'neighbourhood'
      ? nameOfNeighbourhood(code)
      : facet === 'kind'
        ? i.label('kind', code)
        : i.term(code, vocab.termByCode);
  const facetTitle: Record<string, string> = {
    neighbourhood: t.neighbourhood,
    kind: t.kind,
    targetGroup: t.targetGroup,
    category: t.category,
  };
  const addFacet = (facet: string, code: string) => {
    const key = facet as 'neighbourhood' | 'kind' | 'targetGroup' | 'category';
    const f: PartnerFilter = { ...applied, [key]: [code] };
    navigate(partnerFilterToHash(f));
  };

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t.searchTitle}
      </h1>
      <form class="filters" role="search" onSubmit={submit} data-testid="search-form">
        <Field id="q" label={t.searchText} hint={t.searchTextHint}>
          <input
            id="q"
            name="q"
            type="search"
            value={form.q ?? ''}
            aria-describedby="q-hint"
            maxLength={200}
            onInput={(e) => set({ q: (e.currentTarget as HTMLInputElement).value })}
          />
        </Field>
        <Field id="neighbourhood" label={t.neighbourhood}>
          <Select
            id="neighbourhood"
            value={form.neighbourhood?.[0] ?? ''}
            onChange={(v) => set({ neighbourhood: one(v) })}
            emptyLabel={t.any}
            options={neighbourhoods.map((n) => ({ value: n.code, label: n.label }))}
          />
        </Field>
        <Field id="kind" label={t.kind}>
          <Select
            id="kind"
            value={form.kind?.[0] ?? ''}
            onChange={(v) => set({ kind: one(v) })}
            emptyLabel={t.any}
            options={PARTNER_KINDS.map((k) => ({ value: k, label: i.label('kind', k) }))}
          />
        </Field>
        <Field id="targetGroup" label={t.targetGroup}>
          <Select
            id="targetGroup"
            value={form.targetGroup?.[0] ?? ''}
            onChange={(v) => set({ targetGroup: one(v) })}
            emptyLabel={t.any}
            options={vocab.targetGroups.map((g) => ({ value: g.code, label: i.term(g) }))}
          />
        </Field>
        <Field id="category" label={t.category}>
          <Select
            id="category"
            value={form.category?.[0] ?? ''}
            onChange={(v) => set({ category: one(v) })}
            emptyLabel={t.any}
            options={vocab.categories.map((g) => ({ value: g.code, label: i.term(g) }))}
          />
        </Field>
        <Field id="age" label={t.age}>
          <input
            id="age"
            name="age"
            type="number"
            inputMode="numeric"
            min={0}
            max={120}
            value={form.age ?? ''}
            onInput={(e) => set({ age: (e.currentTarget as HTMLInputElement).value })}
          />
        </Field>
        <fieldset class="near">
          <legend>{t.nearPlace}</legend>
          <Field id="centre" label={t.nearCentre}>
            <Select
              id="centre"
              value={centre}
              onChange={pickCentre}
              emptyLabel={t.none}
              options={neighbourhoods
                .filter((n) => vocab.neighbourhoodByCode.get(n.code)?.centre)
                .map((n) => ({ value: n.code, label: n.label }))}
            />
          </Field>
          <Field id="lat" label={t.latitude}>
            <input
              id="lat"
              name="lat"
              type="number"
              step="any"
              min={-90}
              max={90}
              value={form.lat ?? ''}
              onInput={(e) => set({ lat: (e.currentTarget as HTMLInputElement).value })}
            />
          </Field>
          <Field id="lon" label={t.longitude}>
            <input
              id="lon"
              name="lon"
              type="number"
              step="any"
              min={-180}
              max={180}
              value={form.lon ?? ''}
              onInput={(e) => set({ lon: (e.currentTarget as HTMLInputElement).value })}
            />
          </Field>
          <Field id="radius" label={t.radius}>
            <input
              id="radius"
              name="radius"
              type="number"
              min={1}
              max={50000}
              step={1}
              placeholder={DEFAULT_RADIUS}
              value={form.radius ?? ''}
              onInput={(e) => set({ radius: (e.currentTarget as HTMLInputElement).value })}
            />
          </Field>
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary">
            {t.search}
          </button>
          <button
            type="button"
            onClick={() => {
              setCentre('');
              navigate('#/');
              setForm({});
            }}
          >
            {t.reset}
          </button>
        </div>
      </form>

      <div class="results" aria-live="polite" aria-busy={loading ? 'true' : 'false'}>
        <h2>{t.results}</h2>
        {error != null && <ProblemBox error={error} />}
        {results && (
          <>
            <p data-testid="result-count">{t.resultCount(results.total ?? results.items.length)}</p>
            {results.items.length === 0 && <p>{t.noResults}</p>}
            <ul class="cards" data-testid="results" data-query={results.key}>
              {results.items.map((p) => (
                <li key={p.id} class="card">
                  <h3>
                    <a href={partnerHref(p.id)}>{p.name}</a>
                  </h3>
                  <p class="meta">
                    {i.label('kind', p.kind)}
                    {p.neighbourhoods?.length > 0 && <> · {p.neighbourhoods.map((n) => n.name).join(', ')}</>}
                    {typeof p.distanceMetres === 'number' && <> · {t.distance(p.distanceMetres)}</>}
                    {p.status === 'inactive' && <> · {t.inactive}</>}
                  </p>
                  {p.description && <p class="desc">{p.description}</p>}
                </li>
              ))}
            </ul>
            {results.nextCursor && (
              <button type="button" onClick={more} disabled={loading} data-testid="more">
                {t.more}
              </button>
            )}
            {results.facets && (
              <div class="facets">
                {Object.entries(results.facets).map(([facet, counts]) =>
                  Object.keys(counts).length === 0 ? null : (
                    <div key={facet} class="facet">
                      <h3>
                        {t.facets}: {facetTitle[facet] ?? facet}
                      </h3>
                      <ul class="chips">
                        {Object.entries(counts)
                          .sort((a, b) => b[1] - a[1])
                          .slice(0, 12)
                          .map(([code, n]) => (
                            <li key={code}>
                              <button
                                type="button"
                                class="chip"
                                aria-label={t.facetAdd(facetLabel(facet, code), n)}
                                onClick={() => addFacet(facet, code)}
                              >
                                {facetLabel(facet, code)} <span class="count">{n}</span>
                              </button>
                            </li>
                          ))}
                      </ul>
                    </div>
                  ),
                )}
              </div>
            )}
          </>
        )}
        {loading && <Loading />}
      </div>
    </section>
  );
}

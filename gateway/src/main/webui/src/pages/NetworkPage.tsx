import { useMemo } from 'preact/hooks';
import { api } from '../api/client';
import type { Communities, CyGraph } from '../api/types';
import { Graph } from '../components/Graph';
import { Field, Loading, ProblemBox, Select, neighbourhoodOptions, useAsync, usePageTitle, useVocab } from '../components/common';
import { useI18n } from '../i18n';
import type { Importance } from '../lib/graph';
import { communityColours, communityLegend, drawable, nodeSizes, pageRankTimesAverage, toDrawing } from '../lib/graph';
import { toParams, withQuery } from '../lib/query';
import { navigate, partnerHref } from '../lib/router';

export function NetworkPage({ params }: { params: URLSearchParams }) {
  const i = useI18n();
  const { t } = i;
  const vocab = useVocab();
  usePageTitle(t.networkTitle);
  const neighbourhood = params.get('neighbourhood')?.trim() || '';
  const by: Importance = params.get('size') === 'degree' ? 'degree' : 'pageRank';
  const area = neighbourhood || undefined;

  const data = useAsync(async (s) => {
    if (area === undefined) {
      // the whole city: drawn only if a browser can (its size from the key actors, which are needed anyway)
      const keyActors = await api.keyActors(area, s);
      if (!drawable(keyActors.organisations)) {
        const none: CyGraph = { elements: { nodes: [], edges: [] } };
        const communities: Communities = { scope: null, organisations: keyActors.organisations, communities: [] };
        return { graph: none, communities, keyActors, tooLarge: true };
      }
      const [graph, communities] = await Promise.all([api.networkExport(area, s), api.communities(area, s)]);
      return { graph, communities, keyActors, tooLarge: false };
    }
    const [graph, communities, keyActors] = await Promise.all([
      api.networkExport(area, s),
      api.communities(area, s),
      api.keyActors(area, s),
    ]);
    return { graph, communities, keyActors, tooLarge: false };
  }, [neighbourhood]);

  const drawing = useMemo(() => {
    if (!data.data) return null;
    const colours = communityColours(data.data.communities);
    const sizes = nodeSizes(data.data.keyActors.actors, by);
    return toDrawing(data.data.graph, { colours, sizes, defaultSize: 24 });
  }, [data.data, by]);
  const legend = useMemo(() => communityLegend(data.data?.communities), [data.data]);

  const go = (patch: Record<string, string>) =>
    navigate(withQuery('#/network', toParams({ neighbourhood, size: by === 'degree' ? 'degree' : undefined, ...patch })));

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t.networkTitle}
      </h1>
      <p class="hint">{t.networkIntro}</p>
      <div class="filters compact">
        <Field id="nneighbourhood" label={t.neighbourhood}>
          <Select
            id="nneighbourhood"
            value={neighbourhood}
            onChange={(v) => go({ neighbourhood: v })}
            emptyLabel={t.wholeCity}
            options={neighbourhoodOptions(vocab.neighbourhoods)
              .filter((n) => vocab.neighbourhoodByCode.get(n.code)?.level !== 'city')
              .map((n) => ({ value: n.code, label: n.label }))}
          />
        </Field>
        <Field id="size" label={t.sizeBy}>
          <Select
            id="size"
            value={by === 'degree' ? 'degree' : ''}
            onChange={(v) => go({ size: v })}
            emptyLabel={t.pageRank}
            options={[{ value: 'degree', label: t.degree }]}
          />
        </Field>
      </div>
      {data.error != null && <ProblemBox error={data.error} onRetry={data.reload} />}
      {data.loading && !data.data && <Loading />}
      {data.data && drawing && (
        <>
          <p class="meta" data-testid="network-summary">
            {data.data.keyActors.organisations} {t.organisations} · {data.data.keyActors.ties} {t.ties}
            {!data.data.tooLarge && (
              <>
                {' '}
                · {legend.length} {t.communities}
              </>
            )}
          </p>
          {data.data.tooLarge ? (
            <p class="hint" data-testid="choose-area">
              {t.chooseAreaToDraw(data.data.keyActors.organisations)}
            </p>
          ) : drawing.nodes.length === 0 ? (
            <p>{t.noNetwork}</p>
          ) : (
            <Graph nodes={drawing.nodes} edges={drawing.edges} testId="network-graph" onOpen={(id) => navigate(partnerHref(id))} />
          )}
          <div class="two-col">
            {!data.data.tooLarge && (
              <section class="panel" aria-labelledby="legend-h">
                <h2 id="legend-h">{t.communities}</h2>
                <ul class="legend" data-testid="legend">
                  {legend.map((c, n) => (
                    <li key={n}>
                      <span class="swatch" style={{ background: c.colour }} aria-hidden="true" />
                      <strong>{t.community(n + 1, c.size)}</strong>: {c.names.slice(0, 6).join(', ')}
                      {c.names.length > 6 && ' …'}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <section class="panel" aria-labelledby="actors-h">
              <h2 id="actors-h">{t.keyActors}</h2>
              <ol class="plain" data-testid="key-actors">
                {data.data.keyActors.actors.slice(0, 10).map((a) => (
                  <li key={a.id}>
                    <a href={partnerHref(a.id)}>{a.name}</a>{' '}
                    <span class="meta">
                      ({t.pageRank} {t.timesAverage(pageRankTimesAverage(a.pageRank, data.data?.keyActors.organisations ?? 0))},{' '}
                      {t.degree} {a.degree}
                      {a.broker && <>, {t.broker}</>}
                      {a.articulationPoint && <>, {t.articulation}</>})
                    </span>
                  </li>
                ))}
              </ol>
            </section>
          </div>
        </>
      )}
    </section>
  );
}

import { useMemo } from 'preact/hooks';
import { api } from '../api/client';
import { Field, Loading, ProblemBox, Select, neighbourhoodOptions, useAsync, usePageTitle, useVocab } from '../components/common';
import { useI18n } from '../i18n';
import { gapCellClass, gapMatrix } from '../lib/gaps';
import { partnerFilterToHash, toParams, withQuery } from '../lib/query';
import { navigate } from '../lib/router';

export function GapsPage({ params }: { params: URLSearchParams }) {
  const i = useI18n();
  const { t } = i;
  const vocab = useVocab();
  usePageTitle(t.gapsTitle);
  const city = vocab.neighbourhoods.find((n) => n.level === 'city' && !n.parent) ?? vocab.neighbourhoods[0];
  const neighbourhood = params.get('neighbourhood')?.trim() || city?.code || '';
  const gaps = useAsync(
    (s) => (neighbourhood ? api.gaps(neighbourhood, s) : Promise.resolve(null)),
    [neighbourhood],
  );
  const matrix = useMemo(() => gapMatrix(gaps.data, vocab.targetGroups), [gaps.data, vocab.targetGroups]);
  const groupName = (code: string) => i.term(code, vocab.termByCode);

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t.gapsTitle}
      </h1>
      <p class="hint">{t.gapsIntro}</p>
      <div class="filters compact">
        <Field id="gneighbourhood" label={t.neighbourhood}>
          <Select
            id="gneighbourhood"
            value={neighbourhood}
            onChange={(v) => navigate(withQuery('#/gaps', toParams({ neighbourhood: v })))}
            emptyLabel={t.none}
            options={neighbourhoodOptions(vocab.neighbourhoods).map((n) => ({ value: n.code, label: n.label }))}
          />
        </Field>
      </div>
      <ul class="legend inline" aria-label={t.legend}>
        <li><span class="swatch gap-none" aria-hidden="true" /> {t.gapLegendNone}</li>
        <li><span class="swatch gap-one" aria-hidden="true" /> {t.gapLegendOne}</li>
        <li><span class="swatch gap-some" aria-hidden="true" /> {t.gapLegendSome}</li>
        <li><span class="swatch gap-many" aria-hidden="true" /> {t.gapLegendMany}</li>
      </ul>
      {gaps.error != null && <ProblemBox error={gaps.error} onRetry={gaps.reload} />}
      {gaps.loading && !gaps.data && <Loading />}
      {gaps.data && (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="page-title">
          <table class="gaps" data-testid="gap-matrix" data-rows={matrix.rows.length} data-cols={matrix.groups.length}>
            <caption class="visually-hidden">{t.gapsIntro}</caption>
            <thead>
              <tr>
                <th scope="col">{t.area}</th>
                {matrix.groups.map((g) => (
                  <th scope="col" key={g}>
                    <a href={partnerFilterToHash({ targetGroup: [g], neighbourhood: [neighbourhood] })} title={t.findForGroup}>
                      {groupName(g)}
                    </a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.rows.map((row) => (
                <tr key={row.code}>
                  <th scope="row">
                    {row.name}
                    <div class="meta">{t.gapsCount(row.gapCount)}</div>
                  </th>
                  {row.cells.map((c) => (
                    <td
                      key={c.group}
                      class={gapCellClass(c)}
                      data-gap={c.gap ? 'true' : 'false'}
                      aria-label={t.gapCellLabel(row.name, groupName(c.group), c.partners)}
                    >
                      {c.gap ? '–' : c.partners ?? '?'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

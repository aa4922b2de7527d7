// The embed page: a partner's or an area's card (offers or partners, upcoming events) and map (its
// network of public ties), for a blog's iframe. Reads the public API anonymously and never sends
// credentials; every link opens outside the frame.
import { useMemo } from 'preact/hooks';
import { ApiError, KiezwerkApi } from '../api/client';
import type { CyGraph, ListPage, Neighbourhood, Occurrence, Offer, Partner } from '../api/types';
import { Graph } from '../components/Graph';
import { Loading, useAsync } from '../components/common';
import { I18nContext, makeI18n, useI18n } from '../i18n';
import { feedPath, frontEndPath } from '../lib/embed';
import type { EmbedOptions, EmbedTarget } from '../lib/embed';
import { toDrawing } from '../lib/graph';
import { localDate, partnerSearchPath } from '../lib/query';

const api = new KiezwerkApi('', (input, init) => fetch(input, { ...init, credentials: 'omit' }));

const EVENTS_SHOWN = 5;
const PARTNERS_SHOWN = 50;

function openOutside(path: string) {
  window.open(window.location.origin + path, '_blank', 'noopener,noreferrer');
}

function Outside({ href, children, testId }: { href: string; children: preact.ComponentChildren; testId?: string }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" data-testid={testId}>
      {children}
    </a>
  );
}

function upcoming(): { fromDate: string; toDate: string } {
  const now = new Date();
  const to = new Date(now);
  to.setFullYear(to.getFullYear() + 1);
  return { fromDate: localDate(now), toDate: localDate(to) };
}

export function EmbedApp({ target, options }: { target: EmbedTarget | null; options: EmbedOptions }) {
  const i18n = useMemo(() => makeI18n(options.lang), [options.lang]);
  return (
    <I18nContext.Provider value={i18n}>
      <main class="kw-embed" data-testid="embed" data-kind={target?.kind ?? 'none'}>
        {target == null ? (
          <Problem text={i18n.t.embedInvalid} />
        ) : target.kind === 'partner' ? (
          <PartnerEmbed id={target.id} target={target} options={options} />
        ) : (
          <AreaEmbed code={target.code} target={target} options={options} />
        )}
      </main>
    </I18nContext.Provider>
  );
}

function Problem({ text }: { text: string }) {
  return (
    <p class="kw-embed-problem" data-testid="embed-problem" role="alert">
      {text}
    </p>
  );
}

function Footer({ target }: { target: EmbedTarget }) {
  const { t } = useI18n();
  return (
    <footer class="kw-embed-footer">
      <Outside href={frontEndPath(target)} testId="embed-more">
        {t.embedOpen}
      </Outside>
      {' · '}
      <Outside href={feedPath(target)} testId="embed-feed">
        {t.embedFeed}
      </Outside>
      <span class="kw-embed-brand"> · Kiezwerk</span>
    </footer>
  );
}

function PartnerEmbed({ id, target, options }: { id: string; target: EmbedTarget; options: EmbedOptions }) {
  const i = useI18n();
  const { t } = i;
  const partner = useAsync((s) => api.partner(id, s), [id]);
  if (partner.error) {
    const gone = partner.error instanceof ApiError && (partner.error.status === 404 || partner.error.status === 400);
    return <Problem text={gone ? t.embedNoPartner : t.embedUnavailable} />;
  }
  if (!partner.data) return <Loading />;
  const p: Partner = partner.data;
  document.title = `${p.name} – Kiezwerk`;
  return (
    <article aria-labelledby="embed-title">
      <header>
        <h1 id="embed-title" data-testid="embed-title">
          {p.name}
        </h1>
        <p class="meta">
          {i.label('kind', p.kind)}
          {p.neighbourhoods?.length > 0 && <> · {p.neighbourhoods.map((n) => n.name).join(', ')}</>}
          {p.website && /^https?:\/\//i.test(p.website) && (
            <>
              {' · '}
              <Outside href={p.website}>{p.website.replace(/^https?:\/\//i, '').replace(/\/$/, '')}</Outside>
            </>
          )}
        </p>
        {options.view !== 'map' && p.description && <p class="lead">{p.description}</p>}
      </header>
      {options.view !== 'map' && <Offers id={id} />}
      {options.view !== 'map' && <Events filter={{ partner: [id] }} />}
      {options.view !== 'card' && <PartnerTies id={id} />}
      <Footer target={target} />
    </article>
  );
}

function Offers({ id }: { id: string }) {
  const i = useI18n();
  const { t } = i;
  const offers = useAsync((s) => api.partnerOffers(id, s), [id]);
  return (
    <section aria-labelledby="embed-offers-h" data-testid="embed-offers">
      <h2 id="embed-offers-h">{t.offers}</h2>
      {offers.error != null && <Problem text={t.embedUnavailable} />}
      {offers.loading && !offers.data && <Loading />}
      {offers.data && offers.data.length === 0 && <p>{t.noOffers}</p>}
      {offers.data && offers.data.length > 0 && (
        <ul class="kw-embed-list">
          {offers.data.map((o: Offer) => (
            <li key={o.id}>
              <strong>{o.name}</strong>
              <span class="meta">
                {' '}
                {[o.targetGroups.map((g) => i.term(g)).join(', '), t.ageRange(o.ageMin, o.ageMax), o.free ? t.free : null]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Events({ filter }: { filter: { partner?: string[]; neighbourhood?: string[] } }) {
  const i = useI18n();
  const { t } = i;
  const span = useMemo(upcoming, []);
  const key = JSON.stringify(filter);
  const events = useAsync((s) => api.searchEvents({ ...span, ...filter }, null, s, EVENTS_SHOWN), [key]);
  return (
    <section aria-labelledby="embed-events-h" data-testid="embed-events">
      <h2 id="embed-events-h">{t.upcomingEvents}</h2>
      {events.error != null && <Problem text={t.embedUnavailable} />}
      {events.loading && !events.data && <Loading />}
      {events.data && events.data.items.length === 0 && <p>{t.noEvents}</p>}
      {events.data && events.data.items.length > 0 && (
        <ul class="kw-embed-list">
          {events.data.items.map((o: Occurrence) => (
            <li key={`${o.eventId}@${o.start}`} class={o.cancelled ? 'cancelled' : undefined}>
              <time dateTime={o.start}>{i.dateTime(o.start, o.event.timeZone)}</time>{' '}
              <strong>{o.event.title}</strong>
              {o.cancelled && <span class="tag"> {t.cancelled}</span>}
              {(o.event.partners ?? []).filter((h) => h.partnerName).length > 1 && (
                <span class="meta">
                  {' '}
                  {t.embedTogether}{' '}
                  {(o.event.partners ?? [])
                    .filter((h) => h.partnerName)
                    .map((h) => h.partnerName)
                    .filter((name, n, all) => all.indexOf(name) === n)
                    .join(', ')}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function NetworkMap({ graph, focus, testId }: { graph: CyGraph; focus?: string; testId: string }) {
  const { t } = useI18n();
  const drawing = useMemo(() => toDrawing(graph, { focus, defaultSize: focus ? 36 : 28 }), [graph, focus]);
  const kinds = useMemo(() => new Map(drawing.nodes.map((n) => [n.id, n.kind])), [drawing]);
  if (drawing.nodes.length <= (focus ? 1 : 0)) return <p>{t.noNetwork}</p>;
  return (
    <Graph
      nodes={drawing.nodes}
      edges={drawing.edges}
      testId={testId}
      layout={focus ? 'concentric' : 'cose'}
      onOpen={(node) => node !== focus && kinds.get(node) !== 'person' && openOutside(`/#/partners/${encodeURIComponent(node)}`)}
    />
  );
}

function PartnerTies({ id }: { id: string }) {
  const { t } = useI18n();
  const graph = useAsync((s) => api.egoNetwork(id, 1, s), [id]);
  const notYet = graph.error instanceof ApiError && graph.error.status === 404;
  return (
    <section aria-labelledby="embed-network-h" data-testid="embed-network">
      <h2 id="embed-network-h">{t.network}</h2>
      {notYet && <p>{t.noNetwork}</p>}
      {graph.error != null && !notYet && <Problem text={t.embedUnavailable} />}
      {graph.loading && !graph.data && <Loading />}
      {graph.data && <NetworkMap graph={graph.data} focus={id} testId="embed-graph" />}
    </section>
  );
}

function AreaEmbed({ code, target, options }: { code: string; target: EmbedTarget; options: EmbedOptions }) {
  const i = useI18n();
  const { t } = i;
  const area = useAsync(
    (s) =>
      api
        .get<ListPage<Neighbourhood>>(`/api/v1/neighbourhoods?limit=200&within=${encodeURIComponent(code)}`, s)
        .then((page) => page.items.find((n) => n.code === code) ?? null)
        .catch((e) => {
          if (e instanceof ApiError && e.status >= 400 && e.status < 500) return null;
          throw e;
        }),
    [code],
  );
  if (area.error) return <Problem text={t.embedUnavailable} />;
  if (area.data === undefined) return <Loading />;
  if (area.data === null) return <Problem text={t.embedNoArea} />;
  const n = area.data;
  document.title = `${n.name} – Kiezwerk`;
  return (
    <article aria-labelledby="embed-title">
      <header>
        <h1 id="embed-title" data-testid="embed-title">
          {n.name}
        </h1>
        <p class="meta">{i.label('level', n.level)}</p>
      </header>
      {options.view !== 'map' && <AreaPartners code={code} />}
      {options.view !== 'map' && <Events filter={{ neighbourhood: [code] }} />}
      {options.view !== 'card' && <AreaTies code={code} />}
      <Footer target={target} />
    </article>
  );
}

function AreaPartners({ code }: { code: string }) {
  const i = useI18n();
  const { t } = i;
  const partners = useAsync(
    (s) => api.get<ListPage<Partner>>(partnerSearchPath({ neighbourhood: [code] }, { limit: PARTNERS_SHOWN, count: true }), s),
    [code],
  );
  return (
    <section aria-labelledby="embed-partners-h" data-testid="embed-partners">
      <h2 id="embed-partners-h">{t.embedPartners}</h2>
      {partners.error != null && <Problem text={t.embedUnavailable} />}
      {partners.loading && !partners.data && <Loading />}
      {partners.data && partners.data.items.length === 0 && <p>{t.noResults}</p>}
      {partners.data && partners.data.items.length > 0 && (
        <ul class="kw-embed-list kw-embed-columns">
          {partners.data.items.map((p) => (
            <li key={p.id}>
              <Outside href={`/#/partners/${encodeURIComponent(p.id)}`}>{p.name}</Outside>{' '}
              <span class="meta">{i.label('kind', p.kind)}</span>
            </li>
          ))}
        </ul>
      )}
      {partners.data && partners.data.total != null && partners.data.total > partners.data.items.length && (
        <p class="meta">{t.embedMorePartners(partners.data.total - partners.data.items.length)}</p>
      )}
    </section>
  );
}

function AreaTies({ code }: { code: string }) {
  const { t } = useI18n();
  const graph = useAsync((s) => api.networkExport(code, s), [code]);
  return (
    <section aria-labelledby="embed-network-h" data-testid="embed-network">
      <h2 id="embed-network-h">{t.embedAreaNetwork}</h2>
      {graph.error != null && <Problem text={t.embedUnavailable} />}
      {graph.loading && !graph.data && <Loading />}
      {graph.data && <NetworkMap graph={graph.data} testId="embed-graph" />}
    </section>
  );
}

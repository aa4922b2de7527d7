import { useMemo, useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import type { Occurrence, Offer, Resource } from '../api/types';
import { Graph } from '../components/Graph';
import { Loading, ProblemBox, useAsync, usePageTitle } from '../components/common';
import { useI18n } from '../i18n';
import { toDrawing } from '../lib/graph';
import { calendarFeedUrls, localDate } from '../lib/query';
import { navigate, partnerHref } from '../lib/router';

export function PartnerPage({ id }: { id: string }) {
  const i = useI18n();
  const { t } = i;
  const partner = useAsync((s) => api.partner(id, s), [id]);
  usePageTitle(partner.data?.name ?? t.partnerTitle);

  if (partner.error) {
    return (
      <section>
        <h1 id="page-title" tabIndex={-1}>
          {t.partnerTitle}
        </h1>
        <ProblemBox error={partner.error} onRetry={partner.reload} />
        <p>
          <a href="#/">{t.backToSearch}</a>
        </p>
      </section>
    );
  }
  if (!partner.data) return <Loading />;
  const p = partner.data;
  return (
    <article aria-labelledby="page-title" data-testid="partner">
      <p class="breadcrumb">
        <a href="#/">{t.backToSearch}</a>
      </p>
      <h1 id="page-title" tabIndex={-1}>
        {p.name}
      </h1>
      <p class="meta">
        {i.label('kind', p.kind)}
        {p.neighbourhoods?.length > 0 && <> · {p.neighbourhoods.map((n) => n.name).join(', ')}</>}
        {p.status === 'inactive' && <> · <strong>{t.inactive}</strong></>}
      </p>
      {p.alternateNames && p.alternateNames.length > 0 && (
        <p class="meta">
          {t.alsoKnownAs}: {p.alternateNames.join(', ')}
        </p>
      )}
      {p.description && <p class="lead">{p.description}</p>}

      <div class="two-col">
        <section aria-labelledby="contact-h" class="panel">
          <h2 id="contact-h">{t.contact}</h2>
          <dl class="facts">
            {(p.addresses ?? []).map((a, n) => (
              <>
                <dt key={`a${n}`}>{t.address}</dt>
                <dd>
                  {[a.street, [a.postcode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}
                </dd>
              </>
            ))}
            {p.email && (
              <>
                <dt>{t.email}</dt>
                <dd>
                  <a href={`mailto:${p.email}`}>{p.email}</a>
                </dd>
              </>
            )}
            {p.phone && (
              <>
                <dt>{t.phone}</dt>
                <dd>
                  <a href={`tel:${p.phone.replace(/\s+/g, '')}`}>{p.phone}</a>
                </dd>
              </>
            )}
            {p.website && /^https?:\/\//i.test(p.website) && (
              <>
                <dt>{t.website}</dt>
                <dd>
                  <a href={p.website} rel="noopener noreferrer">
                    {p.website.replace(/^https?:\/\//i, '')}
                  </a>
                </dd>
              </>
            )}
            {p.openingHours && (
              <>
                <dt>{t.openingHours}</dt>
                <dd>{p.openingHours}</dd>
              </>
            )}
            {p.accessibility && (
              <>
                <dt>{t.accessibility}</dt>
                <dd>{p.accessibility}</dd>
              </>
            )}
            {p.languages && p.languages.length > 0 && (
              <>
                <dt>{t.languages}</dt>
                <dd>{p.languages.join(', ')}</dd>
              </>
            )}
            {p.lastVerified && (
              <>
                <dt>{t.lastVerified}</dt>
                <dd>{i.date(p.lastVerified)}</dd>
              </>
            )}
          </dl>
        </section>
        <PartnerNetwork id={id} />
      </div>

      <PartnerOffers id={id} />
      <PartnerResources id={id} />
      <PartnerEvents id={id} />
    </article>
  );
}

function PartnerOffers({ id }: { id: string }) {
  const i = useI18n();
  const { t } = i;
  const offers = useAsync((s) => api.partnerOffers(id, s), [id]);
  return (
    <section aria-labelledby="offers-h" class="panel" data-testid="offers">
      <h2 id="offers-h">{t.offers}</h2>
      {offers.error != null && <ProblemBox error={offers.error} onRetry={offers.reload} />}
      {offers.loading && !offers.data && <Loading />}
      {offers.data && offers.data.length === 0 && <p>{t.noOffers}</p>}
      {offers.data && offers.data.length > 0 && (
        <ul class="cards">
          {offers.data.map((o: Offer) => (
            <li key={o.id} class="card">
              <h3>{o.name}</h3>
              <p class="meta">
                {[
                  o.category ? i.term(o.category) : null,
                  o.targetGroups.map((g) => i.term(g)).join(', '),
                  t.ageRange(o.ageMin, o.ageMax),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {o.description && <p class="desc">{o.description}</p>}
              <p class="tags">
                {o.free ? <span class="tag">{t.free}</span> : o.cost && <span class="tag">{o.cost}</span>}
                {o.childcare && <span class="tag">{t.childcare}</span>}
                {o.registrationRequired && <span class="tag">{t.registration}</span>}
                {(o.schedules ?? [])
                  .map((s) => [s.description, s.opensAt && s.closesAt ? `${s.opensAt}–${s.closesAt}` : null].filter(Boolean).join(' '))
                  .filter(Boolean)
                  .map((s, n) => (
                    <span key={n} class="tag">
                      {s}
                    </span>
                  ))}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ResourceList({ items }: { items: Resource[] }) {
  const i = useI18n();
  const { t } = i;
  if (items.length === 0) return <p>{t.noResources}</p>;
  return (
    <ul class="plain">
      {items.map((r) => (
        <li key={r.id}>
          <strong>{r.name}</strong> <span class="tag">{i.label('resource', r.kind)}</span>
          {r.capacity != null && <span class="tag">{t.capacity(r.capacity)}</span>}
          {r.description && <div class="desc">{r.description}</div>}
          {(r.availability || (r.equipment && r.equipment.length > 0)) && (
            <div class="meta">{[r.availability, (r.equipment ?? []).join(', ')].filter(Boolean).join(' · ')}</div>
          )}
        </li>
      ))}
    </ul>
  );
}

function PartnerResources({ id }: { id: string }) {
  const { t } = useI18n();
  const resources = useAsync((s) => api.partnerResources(id, s), [id]);
  const offered = (resources.data ?? []).filter((r) => r.direction === 'offered');
  const needed = (resources.data ?? []).filter((r) => r.direction === 'needed');
  return (
    <div class="two-col" data-testid="resources">
      {resources.error != null && <ProblemBox error={resources.error} onRetry={resources.reload} />}
      <section aria-labelledby="offered-h" class="panel">
        <h2 id="offered-h">{t.resourcesOffered}</h2>
        {resources.data ? <ResourceList items={offered} /> : !resources.error && <Loading />}
      </section>
      <section aria-labelledby="needed-h" class="panel">
        <h2 id="needed-h">{t.resourcesNeeded}</h2>
        {resources.data ? <ResourceList items={needed} /> : !resources.error && <Loading />}
      </section>
    </div>
  );
}

function PartnerEvents({ id }: { id: string }) {
  const { t } = useI18n();
  const span = useMemo(() => {
    const now = new Date();
    const to = new Date(now);
    to.setFullYear(to.getFullYear() + 1);
    return { fromDate: localDate(now), toDate: localDate(to) };
  }, []);
  const events = useAsync((s) => api.searchEvents({ ...span, partner: [id] }, null, s, 10), [id]);
  const feed = calendarFeedUrls({ partner: [id] }, location.origin);
  return (
    <section aria-labelledby="events-h" class="panel" data-testid="partner-events">
      <h2 id="events-h">{t.upcomingEvents}</h2>
      {events.error != null && <ProblemBox error={events.error} onRetry={events.reload} />}
      {events.loading && !events.data && <Loading />}
      {events.data && events.data.items.length === 0 && <p>{t.noEvents}</p>}
      {events.data && events.data.items.length > 0 && <OccurrenceList items={events.data.items} />}
      <p>
        <a class="button-link" href={feed.webcal}>
          {t.subscribePartner}
        </a>{' '}
        <a href={feed.http}>{t.feedLink}</a>
      </p>
    </section>
  );
}

export function OccurrenceList({ items }: { items: Occurrence[] }) {
  const i = useI18n();
  const { t } = i;
  return (
    <ul class="cards occurrences" data-testid="occurrences">
      {items.map((o) => {
        const e = o.event;
        const hosts = (e.partners ?? []).filter((p) => p.partnerName);
        return (
          <li key={`${o.eventId}@${o.start}`} class={`card${o.cancelled ? ' cancelled' : ''}`}>
            <p class="when">
              <time dateTime={o.start}>{i.dateTime(o.start, e.timeZone)}</time>
              {o.cancelled && <strong class="badge">{t.cancelled}</strong>}
            </p>
            <h3>{e.title}</h3>
            <p class="meta">
              {[i.label('eventCategory', e.category), e.timeOfDay ? i.label('timeOfDay', e.timeOfDay) : null]
                .filter(Boolean)
                .join(' · ')}
            </p>
            {e.venue && (e.venue.room || e.venue.street) && (
              <p class="meta">
                {t.venue}: {[e.venue.room, e.venue.street, e.venue.city].filter(Boolean).join(', ')}
              </p>
            )}
            {hosts.length > 0 && (
              <p class="meta">
                {t.hosts}:{' '}
                {hosts.map((h, n) => (
                  <>
                    {n > 0 && ', '}
                    <a key={h.partnerId + h.role} href={partnerHref(h.partnerId)}>
                      {h.partnerName}
                    </a>{' '}
                    ({i.label('role', h.role)})
                  </>
                ))}
              </p>
            )}
            <p class="tags">
              {e.cost?.kind === 'free' && <span class="tag">{t.free}</span>}
              {e.childcare && <span class="tag">{t.childcare}</span>}
              {(e.accessibility ?? []).includes('step_free') && <span class="tag">{t.stepFree}</span>}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

function PartnerNetwork({ id }: { id: string }) {
  const { t } = useI18n();
  const [depth, setDepth] = useState(1);
  const graph = useAsync((s) => api.egoNetwork(id, depth, s), [id, depth]);
  const drawing = useMemo(() => toDrawing(graph.data, { focus: id }), [graph.data, id]);
  const notYet = graph.error instanceof ApiError && graph.error.status === 404;
  return (
    <section aria-labelledby="network-h" class="panel" data-testid="ego-network">
      <h2 id="network-h">{t.network}</h2>
      <p class="hint">{t.networkHint}</p>
      <div class="inline-field">
        <label for="depth">{t.depth}</label>
        <select id="depth" value={String(depth)} onChange={(e) => setDepth(Number((e.currentTarget as HTMLSelectElement).value))}>
          <option value="1">1</option>
          <option value="2">2</option>
          <option value="3">3</option>
        </select>
      </div>
      {notYet && <p>{t.noNetwork}</p>}
      {graph.error != null && !notYet && <ProblemBox error={graph.error} onRetry={graph.reload} />}
      {graph.loading && !graph.data && <Loading />}
      {graph.data && drawing.nodes.length <= 1 && <p>{t.noNetwork}</p>}
      {graph.data && drawing.nodes.length > 0 && (
        <Graph
          nodes={drawing.nodes}
          edges={drawing.edges}
          testId="ego-graph"
          layout={depth === 1 ? 'concentric' : 'cose'}
          onOpen={(node) => node !== id && navigate(partnerHref(node))}
        />
      )}
    </section>
  );
}

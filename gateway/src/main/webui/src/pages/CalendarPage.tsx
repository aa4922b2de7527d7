import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Occurrence } from '../api/types';
import { Field, Loading, ProblemBox, Select, neighbourhoodOptions, usePageTitle, useVocab } from '../components/common';
import { EVENT_CATEGORIES, TIMES_OF_DAY, useI18n } from '../i18n';
import type { EventFilter } from '../lib/query';
import { calendarFeedUrls, eventFilterFromParams, eventFilterToHash, localDate } from '../lib/query';
import { navigate } from '../lib/router';
import { OccurrenceList } from './PartnerPage';

function defaultWindow(): { fromDate: string; toDate: string } {
  const now = new Date();
  const to = new Date(now);
  to.setDate(to.getDate() + 90);
  return { fromDate: localDate(now), toDate: localDate(to) };
}

export function CalendarPage({ params }: { params: URLSearchParams }) {
  const i = useI18n();
  const { t } = i;
  const vocab = useVocab();
  usePageTitle(t.calendarTitle);
  const key = params.toString();
  const fromAddress = eventFilterFromParams(params);
  const applied: EventFilter = { ...defaultWindow(), ...stripEmpty(fromAddress) };
  const [form, setForm] = useState<EventFilter>(applied);
  const [items, setItems] = useState<Occurrence[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => setForm(applied), [key]);
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api.searchEvents(applied, null, controller.signal).then(
      (page) => {
        setItems(page.items);
        setNext(page.nextCursor);
        setLoading(false);
      },
      (e) => {
        if (controller.signal.aborted) return;
        setError(e);
        setItems(null);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [key]);

  const more = () => {
    if (!next) return;
    setLoading(true);
    api.searchEvents(applied, next).then(
      (page) => {
        setItems([...(items ?? []), ...page.items]);
        setNext(page.nextCursor);
        setLoading(false);
      },
      (e) => {
        setError(e);
        setLoading(false);
      },
    );
  };

  const set = (patch: Partial<EventFilter>) => setForm({ ...form, ...patch });
  const one = (v: string) => (v ? [v] : []);
  const feed = calendarFeedUrls(applied, location.origin);

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t.calendarTitle}
      </h1>
      <form
        class="filters"
        data-testid="calendar-form"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(eventFilterToHash(form));
        }}
      >
        <Field id="from" label={t.from}>
          <input id="from" name="from" type="date" value={form.fromDate ?? ''} onInput={(e) => set({ fromDate: (e.currentTarget as HTMLInputElement).value })} />
        </Field>
        <Field id="to" label={t.to}>
          <input id="to" name="to" type="date" value={form.toDate ?? ''} onInput={(e) => set({ toDate: (e.currentTarget as HTMLInputElement).value })} />
        </Field>
        <Field id="eq" label={t.searchText}>
          <input id="eq" name="q" type="search" maxLength={200} value={form.q ?? ''} onInput={(e) => set({ q: (e.currentTarget as HTMLInputElement).value })} />
        </Field>
        <Field id="eneighbourhood" label={t.neighbourhood}>
          <Select
            id="eneighbourhood"
            value={form.neighbourhood?.[0] ?? ''}
            onChange={(v) => set({ neighbourhood: one(v) })}
            emptyLabel={t.any}
            options={neighbourhoodOptions(vocab.neighbourhoods).map((n) => ({ value: n.code, label: n.label }))}
          />
        </Field>
        <Field id="ecategory" label={t.category}>
          <Select
            id="ecategory"
            value={form.category?.[0] ?? ''}
            onChange={(v) => set({ category: one(v) })}
            emptyLabel={t.any}
            options={EVENT_CATEGORIES.map((c) => ({ value: c, label: i.label('eventCategory', c) }))}
          />
        </Field>
        <Field id="etargetGroup" label={t.targetGroup}>
          <Select
            id="etargetGroup"
            value={form.targetGroup?.[0] ?? ''}
            onChange={(v) => set({ targetGroup: one(v) })}
            emptyLabel={t.any}
            options={vocab.targetGroups.map((g) => ({ value: g.code, label: i.term(g) }))}
          />
        </Field>
        <Field id="eage" label={t.age}>
          <input id="eage" name="age" type="number" min={0} max={120} value={form.age ?? ''} onInput={(e) => set({ age: (e.currentTarget as HTMLInputElement).value })} />
        </Field>
        <Field id="timeOfDay" label={t.timeOfDay}>
          <Select
            id="timeOfDay"
            value={form.timeOfDay?.[0] ?? ''}
            onChange={(v) => set({ timeOfDay: one(v) })}
            emptyLabel={t.any}
            options={TIMES_OF_DAY.map((c) => ({ value: c, label: i.label('timeOfDay', c) }))}
          />
        </Field>
        <fieldset class="checks">
          <legend class="visually-hidden">{t.calendarTitle}</legend>
          <label>
            <input type="checkbox" checked={!!form.free} onChange={(e) => set({ free: (e.currentTarget as HTMLInputElement).checked })} /> {t.freeOnly}
          </label>
          <label>
            <input type="checkbox" checked={!!form.childcare} onChange={(e) => set({ childcare: (e.currentTarget as HTMLInputElement).checked })} />{' '}
            {t.childcareOnly}
          </label>
          <label>
            <input type="checkbox" checked={!!form.stepFree} onChange={(e) => set({ stepFree: (e.currentTarget as HTMLInputElement).checked })} />{' '}
            {t.stepFreeOnly}
          </label>
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary">
            {t.search}
          </button>
          <button type="button" onClick={() => navigate('#/calendar')}>
            {t.reset}
          </button>
        </div>
      </form>

      <div class="subscribe panel">
        <p>
          <a class="button-link" href={feed.webcal} data-testid="subscribe">
            {t.subscribe}
          </a>{' '}
          <a href={feed.http} data-testid="feed-link">
            {t.feedLink}
          </a>
        </p>
        <p class="hint">{t.subscribeHint}</p>
      </div>

      <div aria-live="polite" aria-busy={loading ? 'true' : 'false'}>
        <h2>{t.occurrences}</h2>
        {error != null && <ProblemBox error={error} />}
        {items && items.length === 0 && <p>{t.noOccurrences}</p>}
        {items && items.length > 0 && <OccurrenceList items={items} />}
        {next && (
          <button type="button" onClick={more} disabled={loading}>
            {t.more}
          </button>
        )}
        {loading && <Loading />}
      </div>
    </section>
  );
}

function stripEmpty(f: EventFilter): EventFilter {
  return Object.fromEntries(
    Object.entries(f).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)),
  ) as EventFilter;
}

import { createContext } from 'preact';
import type { ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { Neighbourhood, Term } from '../api/types';
import { useI18n } from '../i18n';

export interface AsyncState<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs an async load when deps change; aborts the previous one. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, loading: false });
      },
      (error) => {
        if (!controller.signal.aborted) setState({ error, loading: false });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Shows an RFC 9457 problem's title and detail (and field errors), or a network failure. */
export function ProblemBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  let title = t.error;
  let detail: string | undefined;
  let fields: { field: string; message: string }[] = [];
  if (error instanceof ApiError) {
    if (error.status === 0) {
      title = t.errorNetwork;
      detail = error.problem.detail;
    } else {
      title = error.problem.title || `${t.error} ${error.status}`;
      detail = error.problem.detail;
      fields = error.problem.errors ?? [];
    }
  } else if (error instanceof Error) {
    detail = error.message;
  }
  return (
    <div class="problem" role="alert" data-testid="problem">
      <p class="problem-title">
        <strong>{title}</strong>
      </p>
      {detail && <p class="problem-detail">{detail}</p>}
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.field}>
              <code>{f.field}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" role="status" aria-live="polite">
      {t.loading}
    </p>
  );
}

/** What every page needs: neighbourhoods and the two taxonomies, loaded once. */
export interface Vocab {
  neighbourhoods: Neighbourhood[];
  targetGroups: Term[];
  categories: Term[];
  termByCode: Map<string, Term>;
  neighbourhoodByCode: Map<string, Neighbourhood>;
}

export const emptyVocab: Vocab = {
  neighbourhoods: [],
  targetGroups: [],
  categories: [],
  termByCode: new Map(),
  neighbourhoodByCode: new Map(),
};

export const VocabContext = createContext<Vocab>(emptyVocab);

export function useVocab(): Vocab {
  return useContext(VocabContext);
}

export function makeVocab(neighbourhoods: Neighbourhood[], targetGroups: Term[], categories: Term[]): Vocab {
  return {
    neighbourhoods,
    targetGroups,
    categories,
    termByCode: new Map([...targetGroups, ...categories].map((t) => [t.code, t])),
    neighbourhoodByCode: new Map(neighbourhoods.map((n) => [n.code, n])),
  };
}

/** Neighbourhoods in tree order (city, its districts, their quarters), indented by level. */
export function neighbourhoodOptions(list: Neighbourhood[]): { code: string; label: string }[] {
  const children = new Map<string | null, Neighbourhood[]>();
  const codes = new Set(list.map((n) => n.code));
  for (const n of list) {
    const parent = n.parent && codes.has(n.parent) ? n.parent : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(n);
  }
  for (const l of children.values()) l.sort((a, b) => a.name.localeCompare(b.name, 'de'));
  const out: { code: string; label: string }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const n of children.get(parent) ?? []) {
      out.push({ code: n.code, label: `${'\u00a0\u00a0'.repeat(depth)}${n.name}` });
      walk(n.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function Field({ id, label, children, hint }: { id: string; label: string; children: ComponentChildren; hint?: string }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

export function Select({
  id,
  value,
  onChange,
  options,
  emptyLabel,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  options: { value: string; label: string }[];
  emptyLabel: string;
}) {
  return (
    <select id={id} name={id} value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
      <option value="">{emptyLabel}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** Moves focus to the page heading after navigation, so screen readers and keyboards start there. */
export function usePageTitle(title: string) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} – ${t.appName}`;
  }, [title, t.appName]);
}

// The gap view: quarters × target groups from GET /api/v1/partners/gaps.
import type { Gaps, Term } from '../api/types';

export interface GapCell {
  group: string;
  /** active partners with an offer for the group there; null if the answer did not name the group */
  partners: number | null;
  gap: boolean;
}

export interface GapRow {
  code: string;
  name: string;
  cells: GapCell[];
  gapCount: number;
}

export interface GapMatrix {
  /** target group codes: the taxonomy's order first, then any others the answer names */
  groups: string[];
  rows: GapRow[];
  /** per group: how many areas have nobody for it */
  gapsPerGroup: Record<string, number>;
}

export function gapMatrix(gaps: Gaps | null | undefined, terms: Term[] = []): GapMatrix {
  const areas = gaps?.areas ?? [];
  const groups: string[] = [];
  const seen = new Set<string>();
  const add = (g: string) => {
    if (!seen.has(g)) {
      seen.add(g);
      groups.push(g);
    }
  };
  const named = new Set<string>();
  for (const a of areas) {
    Object.keys(a.partners ?? {}).forEach((g) => named.add(g));
    (a.gaps ?? []).forEach((g) => named.add(g));
  }
  for (const t of terms) if (named.has(t.code)) add(t.code);
  for (const a of areas) {
    Object.keys(a.partners ?? {}).forEach(add);
    (a.gaps ?? []).forEach(add);
  }
  const gapsPerGroup: Record<string, number> = Object.fromEntries(groups.map((g) => [g, 0]));
  const rows = areas.map((a) => {
    const gapSet = new Set(a.gaps ?? []);
    const cells = groups.map((group) => {
      const count = a.partners?.[group];
      const partners = typeof count === 'number' ? count : null;
      const gap = gapSet.has(group) || partners === 0;
      if (gap) gapsPerGroup[group] += 1;
      return { group, partners, gap };
    });
    return { code: a.code, name: a.name, cells, gapCount: cells.filter((c) => c.gap).length };
  });
  return { groups, rows, gapsPerGroup };
}

/** Background shade for a cell: gaps stand out, more partners are darker (text stays readable). */
export function gapCellClass(cell: GapCell): string {
  if (cell.gap) return 'gap-none';
  if (cell.partners === null) return 'gap-unknown';
  if (cell.partners <= 1) return 'gap-one';
  if (cell.partners <= 3) return 'gap-some';
  return 'gap-many';
}

import { describe, expect, it } from 'vitest';
import type { Gaps, Term } from '../src/api/types';
import { gapCellClass, gapMatrix } from '../src/lib/gaps';

const terms: Term[] = ['toddlers', 'children', 'young_people', 'adults', 'seniors'].map((code) => ({ code, nameDe: code, nameEn: code }));

const answer: Gaps = {
  neighbourhood: 'auenstadt-sued',
  areas: [
    { code: 'almenhof', name: 'Almenhof', partners: { seniors: 4, adults: 5, young_people: 1, toddlers: 0 }, gaps: ['toddlers'] },
    { code: 'lindenhof', name: 'Lindenhof', partners: { adults: 1, young_people: 0, seniors: 5, women: 2 }, gaps: ['young_people'] },
  ],
};

describe('gap matrix', () => {
  const m = gapMatrix(answer, terms);

  it('orders columns by the taxonomy, then groups the taxonomy does not know', () => {
    expect(m.groups).toEqual(['toddlers', 'young_people', 'adults', 'seniors', 'women']);
  });

  it('has one row per area with a cell per group', () => {
    expect(m.rows.map((r) => r.code)).toEqual(['almenhof', 'lindenhof']);
    for (const r of m.rows) expect(r.cells.map((c) => c.group)).toEqual(m.groups);
  });

  it('marks gaps and counts them per area and per group', () => {
    const lindenhof = m.rows[1];
    expect(lindenhof.cells.find((c) => c.group === 'young_people')).toEqual({ group: 'young_people', partners: 0, gap: true });
    expect(lindenhof.cells.find((c) => c.group === 'adults')).toEqual({ group: 'adults', partners: 1, gap: false });
    // a group the area's answer does not name is unknown, not a gap
    expect(lindenhof.cells.find((c) => c.group === 'toddlers')).toEqual({ group: 'toddlers', partners: null, gap: false });
    expect(lindenhof.gapCount).toBe(1);
    expect(m.rows[0].gapCount).toBe(1);
    expect(m.gapsPerGroup).toEqual({ toddlers: 1, young_people: 1, adults: 0, seniors: 0, women: 0 });
  });

  it('treats a group listed in gaps as a gap even without a count', () => {
    const m2 = gapMatrix({ neighbourhood: 'x', areas: [{ code: 'x', name: 'X', partners: {}, gaps: ['women'] }] });
    expect(m2.rows[0].cells).toEqual([{ group: 'women', partners: null, gap: true }]);
  });

  it('is empty without an answer', () => {
    expect(gapMatrix(null, terms)).toEqual({ groups: [], rows: [], gapsPerGroup: {} });
  });

  it('shades cells by how many partners there are', () => {
    expect(gapCellClass({ group: 'a', partners: 0, gap: true })).toBe('gap-none');
    expect(gapCellClass({ group: 'a', partners: 1, gap: false })).toBe('gap-one');
    expect(gapCellClass({ group: 'a', partners: 3, gap: false })).toBe('gap-some');
    expect(gapCellClass({ group: 'a', partners: 4, gap: false })).toBe('gap-many');
    expect(gapCellClass({ group: 'a', partners: null, gap: false })).toBe('gap-unknown');
  });
});

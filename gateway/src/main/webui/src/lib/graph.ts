// Mapping network analyses onto the drawing: colours per community, sizes by importance.
import type { Communities, CyGraph, KeyActor } from '../api/types';

/**
 * Fill colours for communities. Each is dark enough for white text (contrast ≥ 4.5:1) and they
 * differ in hue; the list is the Okabe–Ito / Tol idea, darkened for contrast.
 */
export const COMMUNITY_PALETTE = [
  '#1f5fa8', // blue
  '#b8430f', // orange-red
  '#1b7a4c', // green
  '#8a3b8f', // purple
  '#9c2a2a', // red
  '#0f6e7a', // teal
  '#7a5a00', // ochre
  '#4b4fa8', // indigo
  '#a02867', // magenta
  '#3d6b14', // olive
] as const;

/** Colour for an organisation that belongs to no community (or a community of one). */
export const NO_COMMUNITY_COLOUR = '#5f6368';

/**
 * Assigns every member of a community the community's colour. Communities are ordered by size
 * (then id) so the biggest get the first, most distinct colours and the same answer always gives
 * the same picture. Communities of one member get the neutral colour; past the palette, colours repeat.
 */
export function communityColours(c: Communities | null | undefined): Map<string, string> {
  const colours = new Map<string, string>();
  if (!c) return colours;
  const ordered = [...c.communities].sort((a, b) => b.size - a.size || a.id - b.id);
  let next = 0;
  for (const community of ordered) {
    const colour =
      community.members.length <= 1 ? NO_COMMUNITY_COLOUR : COMMUNITY_PALETTE[next++ % COMMUNITY_PALETTE.length];
    for (const m of community.members) colours.set(m.id, colour);
  }
  return colours;
}

/** The legend: one entry per colour in use, in the order colours were given. */
export function communityLegend(c: Communities | null | undefined): { colour: string; size: number; names: string[] }[] {
  if (!c) return [];
  const ordered = [...c.communities].sort((a, b) => b.size - a.size || a.id - b.id);
  let next = 0;
  return ordered
    .filter((community) => community.members.length > 1)
    .map((community) => ({
      colour: COMMUNITY_PALETTE[next++ % COMMUNITY_PALETTE.length],
      size: community.size,
      names: community.members.map((m) => m.name),
    }));
}

export type Importance = 'pageRank' | 'degree';

/**
 * The most organisations the map draws: a browser cannot lay out a city of 20,000 and its 100,000 ties (nor should it
 * fetch the 20 MB of them); beyond this the page asks for an area and lists the key actors.
 */
export const DRAWABLE_ORGANISATIONS = 1500;

export function drawable(organisations: number): boolean {
  return organisations <= DRAWABLE_ORGANISATIONS;
}

/**
 * An actor's PageRank against the average actor's (1 / actors), to one decimal. PageRanks add up to 1, so they shrink
 * with the network: in a city of 20,000 the most central score about 0.0002, which three decimals showed as 0.000.
 */
export function pageRankTimesAverage(pageRank: number, actors: number): number {
  return actors > 0 ? Math.round(pageRank * actors * 10) / 10 : 0;
}

/**
 * Node diameters in pixels from an importance measure, scaled linearly between min and max.
 * Actors missing from the analysis get the minimum; if all are equal, all get the middle.
 */
export function nodeSizes(actors: KeyActor[], by: Importance, min = 24, max = 72): Map<string, number> {
  const sizes = new Map<string, number>();
  if (actors.length === 0) return sizes;
  const values = actors.map((a) => (by === 'pageRank' ? a.pageRank : a.degree));
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  actors.forEach((a, i) => {
    const v = values[i];
    const size = hi === lo ? (min + max) / 2 : min + ((v - lo) / (hi - lo)) * (max - min);
    sizes.set(a.id, Math.round(size));
  });
  return sizes;
}

export interface DrawNode {
  id: string;
  label: string;
  kind?: string;
  colour: string;
  size: number;
  focus?: boolean;
}

export interface DrawEdge {
  id: string;
  source: string;
  target: string;
  weight: number;
}

/**
 * Cytoscape JSON from the API → what we draw. Edges whose ends are missing are dropped
 * (cytoscape refuses them), edge width follows weight.
 */
export function toDrawing(
  graph: CyGraph | null | undefined,
  opts: { colours?: Map<string, string>; sizes?: Map<string, number>; focus?: string; defaultSize?: number } = {},
): { nodes: DrawNode[]; edges: DrawEdge[] } {
  const nodes: DrawNode[] = [];
  const ids = new Set<string>();
  for (const n of graph?.elements?.nodes ?? []) {
    const id = n.data.id;
    if (!id || ids.has(id)) continue;
    ids.add(id);
    nodes.push({
      id,
      label: n.data.label ?? id,
      kind: n.data.kind,
      colour: opts.colours?.get(id) ?? (opts.focus === id ? COMMUNITY_PALETTE[1] : COMMUNITY_PALETTE[0]),
      size: opts.sizes?.get(id) ?? (opts.focus === id ? 56 : opts.defaultSize ?? 36),
      focus: opts.focus === id,
    });
  }
  const edges: DrawEdge[] = [];
  for (const e of graph?.elements?.edges ?? []) {
    const { id, source, target } = e.data;
    if (!ids.has(source) || !ids.has(target)) continue;
    edges.push({ id: id || `${source}~${target}`, source, target, weight: typeof e.data.weight === 'number' ? e.data.weight : 1 });
  }
  return { nodes, edges };
}

/** Edge width in pixels from a tie's weight (combined strength, usually 0..a few). */
export function edgeWidth(weight: number): number {
  if (!Number.isFinite(weight) || weight <= 0) return 1;
  return Math.min(8, 1 + weight * 2);
}

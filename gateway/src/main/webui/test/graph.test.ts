import { describe, expect, it } from 'vitest';
import type { Communities, KeyActor } from '../src/api/types';
import { COMMUNITY_PALETTE, NO_COMMUNITY_COLOUR, communityColours, communityLegend, DRAWABLE_ORGANISATIONS, drawable, edgeWidth, nodeSizes, pageRankTimesAverage, toDrawing } from '../src/lib/graph';

const community = (id: number, ids: string[]) => ({
  id,
  size: ids.length,
  members: ids.map((m) => ({ id: m, name: m.toUpperCase() })),
  tiesInside: 0,
  tiesToOthers: 0,
});

function actor(id: string, pageRank: number, degree: number): KeyActor {
  return { id, name: id, kind: 'association', degree, weightedDegree: degree, pageRank, betweenness: 0, articulationPoint: false, community: 0, communitiesReached: 1, broker: false };
}

/** relative luminance and contrast (WCAG 2) */
function contrast(hex: string, other = '#ffffff'): number {
  const lum = (h: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [lum(hex), lum(other)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}

describe('community colours', () => {
  const c: Communities = {
    scope: 'lindenhof',
    organisations: 7,
    communities: [community(7, ['a', 'b']), community(3, ['c', 'd', 'e']), community(9, ['f']), community(1, ['g', 'h'])],
  };

  it('gives every member its community colour, the biggest community the first colour', () => {
    const colours = communityColours(c);
    expect(colours.get('c')).toBe(COMMUNITY_PALETTE[0]);
    expect(colours.get('d')).toBe(COMMUNITY_PALETTE[0]);
    // equal sizes: by community id
    expect(colours.get('g')).toBe(COMMUNITY_PALETTE[1]);
    expect(colours.get('a')).toBe(COMMUNITY_PALETTE[2]);
    expect(colours.get('f')).toBe(NO_COMMUNITY_COLOUR);
    expect(colours.size).toBe(8);
  });

  it('does not depend on the order of the answer', () => {
    const reversed = { ...c, communities: [...c.communities].reverse() };
    expect([...communityColours(reversed).entries()].sort()).toEqual([...communityColours(c).entries()].sort());
  });

  it('repeats the palette past its end and copes with no answer', () => {
    const many: Communities = {
      scope: null,
      organisations: 24,
      communities: Array.from({ length: 12 }, (_, i) => community(i, [`x${i}`, `y${i}`])),
    };
    const colours = communityColours(many);
    expect(colours.get('x10')).toBe(COMMUNITY_PALETTE[0]);
    expect(communityColours(null).size).toBe(0);
  });

  it('lists the legend in colour order, without singletons', () => {
    const legend = communityLegend(c);
    expect(legend.map((l) => l.colour)).toEqual([COMMUNITY_PALETTE[0], COMMUNITY_PALETTE[1], COMMUNITY_PALETTE[2]]);
    expect(legend[0].names).toEqual(['C', 'D', 'E']);
  });

  it('uses colours that white labels and outlines stay readable on (≥ 4.5:1)', () => {
    for (const colour of [...COMMUNITY_PALETTE, NO_COMMUNITY_COLOUR]) expect(contrast(colour)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('node sizes', () => {
  const actors = [actor('a', 0.3, 7), actor('b', 0.1, 1), actor('c', 0.2, 4)];

  it('scales PageRank linearly between min and max', () => {
    const sizes = nodeSizes(actors, 'pageRank', 20, 60);
    expect(sizes.get('a')).toBe(60);
    expect(sizes.get('b')).toBe(20);
    expect(sizes.get('c')).toBe(40);
  });

  it('can size by degree instead', () => {
    const sizes = nodeSizes(actors, 'degree', 20, 80);
    expect(sizes.get('a')).toBe(80);
    expect(sizes.get('b')).toBe(20);
    expect(sizes.get('c')).toBe(50);
  });

  it('gives equal actors the middle size and nothing for no actors', () => {
    const sizes = nodeSizes([actor('a', 0.5, 1), actor('b', 0.5, 1)], 'pageRank', 20, 60);
    expect(sizes.get('a')).toBe(40);
    expect(nodeSizes([], 'pageRank').size).toBe(0);
  });
});

describe('what the map draws', () => {
  it('draws a district or a small town, not a city of 20,000', () => {
    expect(drawable(417)).toBe(true);
    expect(drawable(DRAWABLE_ORGANISATIONS)).toBe(true);
    expect(drawable(DRAWABLE_ORGANISATIONS + 1)).toBe(false);
    expect(drawable(20000)).toBe(false);
  });
});

describe('PageRank against the average', () => {
  it('stays readable in a city of 20,000, where the scores themselves are 0.0001 and less', () => {
    expect(pageRankTimesAverage(1.83612e-4, 20000)).toBe(3.7);
    expect(pageRankTimesAverage(5e-5, 20000)).toBe(1);
    expect(pageRankTimesAverage(1.318e-4, 20000)).not.toBe(pageRankTimesAverage(1.03e-4, 20000));
  });

  it('is the score itself times the actors in a small network, and 0 for none', () => {
    expect(pageRankTimesAverage(0.25, 8)).toBe(2);
    expect(pageRankTimesAverage(0.25, 0)).toBe(0);
  });
});

describe('drawing the Cytoscape JSON', () => {
  const graph = {
    elements: {
      nodes: [{ data: { id: 'a', label: 'Alpha', kind: 'parish' } }, { data: { id: 'b', label: 'Beta' } }, { data: { id: 'a', label: 'dup' } }],
      edges: [
        { data: { id: 'a~b', source: 'a', target: 'b', weight: 1.5 } },
        { data: { id: 'a~z', source: 'a', target: 'z', weight: 1 } },
      ],
    },
  };

  it('drops duplicate nodes and edges to missing nodes, marks the focus', () => {
    const d = toDrawing(graph, { focus: 'a' });
    expect(d.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(d.nodes[0].focus).toBe(true);
    expect(d.nodes[0].size).toBeGreaterThan(d.nodes[1].size);
    expect(d.edges).toEqual([{ id: 'a~b', source: 'a', target: 'b', weight: 1.5 }]);
  });

  it('applies colours and sizes from the analyses', () => {
    const d = toDrawing(graph, { colours: new Map([['b', '#123456']]), sizes: new Map([['b', 70]]) });
    expect(d.nodes[1]).toMatchObject({ colour: '#123456', size: 70 });
  });

  it('copes with an empty answer', () => {
    expect(toDrawing(null)).toEqual({ nodes: [], edges: [] });
  });

  it('draws stronger ties wider, within bounds', () => {
    expect(edgeWidth(0)).toBe(1);
    expect(edgeWidth(1)).toBe(3);
    expect(edgeWidth(100)).toBe(8);
    expect(edgeWidth(Number.NaN)).toBe(1);
  });
});

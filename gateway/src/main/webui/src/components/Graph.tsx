import { useEffect, useRef, useState } from 'preact/hooks';
import type { Core } from 'cytoscape';
import type { DrawEdge, DrawNode } from '../lib/graph';
import { edgeWidth } from '../lib/graph';
import { partnerHref } from '../lib/router';
import { useI18n } from '../i18n';

/**
 * An interactive cytoscape graph. Clicking (or tapping) a node calls onOpen; the list of links
 * below the canvas gives keyboard and screen-reader users the same way in.
 * The container exposes data-node-count / data-edge-count / data-ready for tests.
 */
export function Graph({
  nodes,
  edges,
  onOpen,
  testId = 'graph',
  layout = 'cose',
}: {
  nodes: DrawNode[];
  edges: DrawEdge[];
  onOpen: (id: string) => void;
  testId?: string;
  layout?: 'cose' | 'concentric';
}) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const [drawn, setDrawn] = useState(0);
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    let cy: Core | undefined;
    let cancelled = false;
    setReady(false);
    // cytoscape is loaded on demand: only the graph pages need it
    import('cytoscape').then(({ default: cytoscape }) => {
      if (cancelled || !container.current) return;
      cy = cytoscape({
        container: container.current,
        elements: [
          ...nodes.map((n) => ({
            group: 'nodes' as const,
            data: { id: n.id, label: n.label, colour: n.colour, size: n.size, focus: n.focus ? 1 : 0 },
          })),
          ...edges.map((e) => ({
            group: 'edges' as const,
            data: { id: e.id, source: e.source, target: e.target, width: edgeWidth(e.weight) },
          })),
        ],
        style: [
          {
            selector: 'node',
            style: {
              'background-color': 'data(colour)',
              width: 'data(size)',
              height: 'data(size)',
              label: 'data(label)',
              color: '#1a1a1a',
              'font-size': 11,
              'text-valign': 'bottom',
              'text-margin-y': 4,
              'text-outline-color': '#ffffff',
              'text-outline-width': 2,
              'text-wrap': 'wrap',
              'text-max-width': '120px',
              'border-width': 1,
              'border-color': '#ffffff',
            },
          },
          { selector: 'node[focus = 1]', style: { 'border-width': 4, 'border-color': '#1a1a1a', 'font-weight': 'bold' } },
          { selector: 'node:active, node:selected', style: { 'overlay-opacity': 0.15 } },
          {
            selector: 'edge',
            style: { width: 'data(width)', 'line-color': '#8a8f98', 'curve-style': 'straight', opacity: 0.8 },
          },
        ],
        layout:
          layout === 'concentric'
            ? { name: 'concentric', animate: false, minNodeSpacing: 30, concentric: (n: any) => (n.data('focus') ? 2 : 1), levelWidth: () => 1 }
            : { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, padding: 30 },
        minZoom: 0.2,
        maxZoom: 3,
        boxSelectionEnabled: false,
      });
      cy.on('tap', 'node', (evt) => open.current(evt.target.id()));
      cy.on('mouseover', 'node', () => container.current && (container.current.style.cursor = 'pointer'));
      cy.on('mouseout', 'node', () => container.current && (container.current.style.cursor = ''));
      cy.fit(undefined, 30);
      // for the browser tests: the drawn graph, reachable from its container element only
      (container.current as HTMLDivElement & { __cy?: Core }).__cy = cy;
      setDrawn(cy.nodes().length);
      setReady(true);
    });
    return () => {
      cancelled = true;
      cy?.destroy();
    };
  }, [nodes, edges, layout]);

  return (
    <figure class="graph-figure">
      <div
        ref={container}
        class="graph"
        data-testid={testId}
        data-node-count={ready ? drawn : 0}
        data-edge-count={ready ? edges.length : 0}
        data-ready={ready ? 'true' : 'false'}
        role="img"
        aria-label={t.graphLabel(nodes.length, edges.length)}
      />
      <figcaption>
        <details>
          <summary>
            {t.graphList} ({nodes.length})
          </summary>
          <ul class="graph-list">
            {nodes.map((n) => (
              <li key={n.id}>
                <span class="swatch" style={{ background: n.colour }} aria-hidden="true" />
                <a
                  href={partnerHref(n.id)}
                  onClick={(e) => {
                    e.preventDefault();
                    open.current(n.id);
                  }}
                >
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </details>
      </figcaption>
    </figure>
  );
}

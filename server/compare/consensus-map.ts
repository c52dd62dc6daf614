import dagre from '@dagrejs/dagre'
import { conceptBox } from '../../shared/exchange/layout'
import type { BoardMap, Concept, Link } from '../../shared/schema/board-map'
import { normalizeLabel, type RecurringProposition } from '../../shared/compare/recurring-propositions'

/**
 * The consensus map of a comparison: the propositions found in at least `k` boards, as one map.
 * Concepts with the same normalised label are one concept (labelled as first written); ids are
 * c1…, l1… in the propositions' order; laid out top-down, as the board's auto-layout does.
 */
export function consensusMap(propositions: readonly RecurringProposition[], k: number, heading: { title: string; focusQuestion: string }): BoardMap {
  const concepts = new Map<string, Concept>()
  const links: Link[] = []
  const conceptOf = (label: string): string => {
    const key = normalizeLabel(label)
    let c = concepts.get(key)
    if (!c) {
      c = { id: `c${concepts.size + 1}`, label, x: 0, y: 0 }
      concepts.set(key, c)
    }
    return c.id
  }
  for (const p of propositions) {
    if (p.boards < k) continue
    links.push({ id: `l${links.length + 1}`, from: conceptOf(p.from), to: conceptOf(p.to), label: p.label })
  }
  const list = [...concepts.values()]
  layout(list, links)
  return { title: heading.title, focusQuestion: heading.focusQuestion, concepts: list, links }
}

function layout(concepts: Concept[], links: readonly Link[]): void {
  if (concepts.length === 0) return
  const g = new dagre.graphlib.Graph({ multigraph: true })
  g.setGraph({ rankdir: 'TB', nodesep: 48, ranksep: 56, edgesep: 16, marginx: 40, marginy: 40 })
  g.setDefaultEdgeLabel(() => ({}))
  for (const c of concepts) {
    const box = conceptBox(c)
    g.setNode(c.id, { width: box.w, height: box.h })
  }
  for (const l of links) {
    if (l.from === l.to) continue
    g.setEdge(l.from, l.to, { width: Math.min(160, 12 + l.label.length * 7), height: l.label ? 18 : 0, labelpos: 'c' }, l.id)
  }
  dagre.layout(g)
  for (const c of concepts) {
    const n = g.node(c.id) as { x: number; y: number }
    c.x = Math.round(n.x)
    c.y = Math.round(n.y)
  }
}

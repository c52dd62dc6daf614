import { findHubs } from '../../shared/drawing/hubs'
import type { Box } from './geometry'

export interface LayoutInput {
  boxes: ReadonlyMap<string, Box>
  links: Iterable<{ id: string; from: string; to: string; label: string }>
}

/**
 * New centres for every concept, laid out top-down by dagre (layered, like a hand-drawn concept map
 * read from the focus question down). dagre is loaded on first use so it stays out of the board's
 * initial bundle. The result is centred where the map was, so the view does not jump.
 */
export async function computeLayout({ boxes, links }: LayoutInput): Promise<Map<string, { x: number; y: number }>> {
  const { default: dagre } = await import('@dagrejs/dagre')
  const g = new dagre.graphlib.Graph({ multigraph: true })
  g.setGraph({ rankdir: 'TB', nodesep: 48, ranksep: 56, edgesep: 16, marginx: 0, marginy: 0 })
  g.setDefaultEdgeLabel(() => ({}))
  let sx = 0
  let sy = 0
  for (const [id, b] of boxes) {
    g.setNode(id, { width: b.w, height: b.h })
    sx += b.x
    sy += b.y
  }
  const drawn = [...links].filter((l) => l.from !== l.to && boxes.has(l.from) && boxes.has(l.to))
  const { hubs, single } = findHubs(drawn)
  const phraseWidth = (label: string) => Math.min(172, 12 + label.length * 7)
  // A hub's phrase is a node of its own, between its sources and its targets, as it is drawn.
  hubs.forEach((h, i) => {
    const node = `\u0000hub${i}`
    g.setNode(node, { width: phraseWidth(h.label), height: 18 })
    for (const from of h.from) g.setEdge(from, node, {}, `${node}-in-${from}`)
    for (const to of h.to) g.setEdge(node, to, {}, `${node}-out-${to}`)
  })
  for (const l of single) {
    // The phrase gets room of its own so it does not land on a concept.
    g.setEdge(l.from, l.to, { width: phraseWidth(l.label), height: l.label ? 18 : 0, labelpos: 'c' }, l.id)
  }
  dagre.layout(g)
  const out = new Map<string, { x: number; y: number }>()
  let lx = 0
  let ly = 0
  for (const id of boxes.keys()) {
    const n = g.node(id) as { x: number; y: number }
    out.set(id, { x: n.x, y: n.y })
    lx += n.x
    ly += n.y
  }
  const count = Math.max(1, boxes.size)
  const shiftX = sx / count - lx / count
  const shiftY = sy / count - ly / count
  for (const p of out.values()) {
    p.x = Math.round(p.x + shiftX)
    p.y = Math.round(p.y + shiftY)
  }
  return out
}

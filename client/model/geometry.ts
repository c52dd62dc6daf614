/** A concept's box: x, y is its centre (the document's convention), w × h its size. */
export interface Box {
  x: number
  y: number
  w: number
  h: number
}

export interface Point {
  x: number
  y: number
}

/** Where the ray from the box's centre towards `toward` leaves the box, pushed out by `gap`. */
export function exitPoint(box: Box, toward: Point, gap = 0): Point {
  const dx = toward.x - box.x
  const dy = toward.y - box.y
  if (dx === 0 && dy === 0) return { x: box.x, y: box.y }
  const hw = box.w / 2 + gap
  const hh = box.h / 2 + gap
  const t = Math.min(dx === 0 ? Infinity : hw / Math.abs(dx), dy === 0 ? Infinity : hh / Math.abs(dy))
  return { x: box.x + dx * t, y: box.y + dy * t }
}

export function boxesOverlap(a: Box, b: Box, margin = 0): boolean {
  return (
    Math.abs(a.x - b.x) * 2 < a.w + b.w + 2 * margin && Math.abs(a.y - b.y) * 2 < a.h + b.h + 2 * margin
  )
}

export interface LinkGeometry {
  /** SVG path of the line, in map coordinates. */
  line: string
  /** Where the linking phrase sits: on the line, halfway. */
  label: Point
  /** False when the boxes overlap so there is no line to draw. */
  visible: boolean
  /** A link of a hub whose phrase another link of the hub shows. */
  member?: boolean
}

/**
 * A link from box a to box b; the arrowhead is an SVG marker at the line's end. `bend` curves it
 * sideways (in units of 28px) so that several links between the same two concepts stay apart, and
 * their phrases readable.
 */
export function linkGeometry(a: Box, b: Box, bend = 0): LinkGeometry {
  const mx = (a.x + b.x) / 2
  const my = (a.y + b.y) / 2
  const dx = b.x - a.x
  const dy = b.y - a.y
  const len = Math.hypot(dx, dy) || 1
  // The control point of a quadratic curve whose midpoint lies bend × 28px off the straight line.
  const off = bend * 28 * 2
  const c = { x: mx - (dy / len) * off, y: my + (dx / len) * off }
  const start = exitPoint(a, bend === 0 ? b : c, 2)
  const end = exitPoint(b, bend === 0 ? a : c, 4)
  const visible = !boxesOverlap(a, b, 2)
  let label: Point
  let line: string
  if (bend === 0) {
    line = `M${r(start.x)} ${r(start.y)}L${r(end.x)} ${r(end.y)}`
    label = { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 }
  } else {
    line = `M${r(start.x)} ${r(start.y)}Q${r(c.x)} ${r(c.y)} ${r(end.x)} ${r(end.y)}`
    label = { x: 0.25 * start.x + 0.5 * c.x + 0.25 * end.x, y: 0.25 * start.y + 0.5 * c.y + 0.25 * end.y }
  }
  return { line, label, visible }
}

const r = (n: number): number => Math.round(n * 10) / 10

/**
 * Bends for links that share a pair of concepts: a lone link is straight, n parallel links fan out
 * symmetrically. Links in opposite directions get opposite signs so they do not cross.
 */
export function linkBends(links: Iterable<{ id: string; from: string; to: string }>): Map<string, number> {
  const groups = new Map<string, { id: string; forward: boolean }[]>()
  for (const l of links) {
    const forward = l.from < l.to
    const key = forward ? `${l.from}\n${l.to}` : `${l.to}\n${l.from}`
    let g = groups.get(key)
    if (!g) groups.set(key, (g = []))
    g.push({ id: l.id, forward })
  }
  const bends = new Map<string, number>()
  for (const g of groups.values()) {
    if (g.length === 1) {
      bends.set(g[0]!.id, 0)
      continue
    }
    g.sort((p, q) => (p.id < q.id ? -1 : 1))
    g.forEach((item, i) => {
      const b = i - (g.length - 1) / 2
      // The bend is measured relative to the link's own direction; flip reversed links so the
      // fan is laid out in one frame of reference.
      bends.set(item.id, item.forward ? b : -b)
    })
  }
  return bends
}

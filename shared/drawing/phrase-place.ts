/**
 * Where linking phrases go so they stay readable: never under a concept, never run into another
 * phrase. Pure geometry on centre-based rectangles, shared by the board and the SVG/PNG/CXL exports
 * so a map reads the same everywhere.
 */

export interface Point {
  x: number
  y: number
}

/** A rectangle by its centre (the document's convention) and size. */
export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

const CELL = 256

/** What answers "is this spot free?". */
export interface Taken {
  /** Whether `r`, grown by `margin` on each side, overlaps anything taken (except `ignore`). */
  hits(r: Rect, margin?: number, ignore?: ReadonlySet<Rect>): boolean
}

/** Rectangles already taken, in a grid of buckets so a test costs what is near, not the whole map. */
export class Occupancy implements Taken {
  private readonly cells = new Map<number, Rect[]>()

  add(r: Rect): void {
    this.forCells(r, 0, (key) => {
      const list = this.cells.get(key)
      if (list) list.push(r)
      else this.cells.set(key, [r])
    })
  }

  /** Whether `r`, grown by `margin` on each side, overlaps anything taken (except `ignore`). */
  hits(r: Rect, margin = 0, ignore?: ReadonlySet<Rect>): boolean {
    let hit = false
    this.forCells(r, margin, (key) => {
      if (hit) return
      for (const o of this.cells.get(key) ?? []) {
        if (ignore?.has(o)) continue
        if (Math.abs(o.x - r.x) * 2 < o.w + r.w + 2 * margin && Math.abs(o.y - r.y) * 2 < o.h + r.h + 2 * margin) { hit = true; return }
      }
    })
    return hit
  }

  private forCells(r: Rect, margin: number, f: (key: number) => void): void {
    const x0 = Math.floor((r.x - r.w / 2 - margin) / CELL)
    const x1 = Math.floor((r.x + r.w / 2 + margin) / CELL)
    const y0 = Math.floor((r.y - r.h / 2 - margin) / CELL)
    const y1 = Math.floor((r.y + r.h / 2 + margin) / CELL)
    // A huge rectangle (10,000 units is allowed) still costs at most a few thousand buckets.
    // A number per bucket, unique while coordinates stay under 2^28 (a string key cost a string per
    // bucket per test, on every frame of a drag).
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) f(x * 0x200000 + y)
  }
}

/** Fractions of a line tried for its phrase: the middle first, then outwards. */
export const ALONG = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78]

/**
 * Spots along the segment a→b, the middle first; then the same spots pushed off the line by `side`;
 * last, the middle pushed off by twice that, for two concepts so close that the phrase is wider than
 * the gap between them (next to the line it would still touch them; in the middle it hid under both).
 */
export function spotsAlong(a: Point, b: Point, side: number, fractions: readonly number[] = ALONG): Point[] {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const len = Math.hypot(dx, dy) || 1
  const nx = -dy / len
  const ny = dx / len
  const out: Point[] = fractions.map((t) => ({ x: a.x + dx * t, y: a.y + dy * t }))
  for (const s of [side, -side]) for (const t of fractions.slice(0, 3)) out.push({ x: a.x + dx * t + nx * s, y: a.y + dy * t + ny * s })
  for (const s of [2 * side, -2 * side]) out.push({ x: a.x + dx * fractions[0]! + nx * s, y: a.y + dy * fractions[0]! + ny * s })
  return out
}

/**
 * Whether `spotsAlong(a, b, side)` gave `p` from its last, farthest spots: a phrase there no longer
 * sits by its line, so the link is drawn through it.
 */
export function farOffLine(a: Point, b: Point, p: Point, side: number): boolean {
  const dx = b.x - a.x
  const dy = b.y - a.y
  return Math.abs(dy * (p.x - a.x) - dx * (p.y - a.y)) / (Math.hypot(dx, dy) || 1) > side * 1.5
}

/** The first spot where a phrase of this size overlaps nothing taken; the first spot if none is free. */
export function firstFree(size: { w: number; h: number }, spots: readonly Point[], taken: Taken, margin = 3, ignore?: ReadonlySet<Rect>): Point {
  for (const p of spots) if (!taken.hits({ x: p.x, y: p.y, w: size.w, h: size.h }, margin, ignore)) return p
  return spots[0] ?? { x: 0, y: 0 }
}

function centre(rects: readonly Rect[]): Point {
  let x = 0
  let y = 0
  for (const r of rects) {
    x += r.x
    y += r.y
  }
  const n = Math.max(1, rects.length)
  return { x: x / n, y: y / n }
}

/**
 * The line a hub's phrase is placed on: from its sources' centre to its targets' centre. The phrase
 * leans towards the single side of a fan (close to the one concept, as CmapTools users draw it).
 */
export function hubAxis(sources: readonly Rect[], targets: readonly Rect[]): { a: Point; b: Point; fractions: number[] } {
  const a = centre(sources)
  const b = centre(targets)
  const lean = sources.length === 1 && targets.length > 1 ? -0.1 : targets.length === 1 && sources.length > 1 ? 0.1 : 0
  return { a, b, fractions: ALONG.map((t) => t + lean) }
}

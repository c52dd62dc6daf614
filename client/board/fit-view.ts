import type { Box } from '../model/geometry'
import type { Viewport } from '../model/viewport'

/**
 * Where "fit" puts the map, as people expect of a whiteboard: all of it when it can be read that way,
 * else its top, from the root concept, at the least readable zoom (the overview shows the rest); and
 * never with a concept under the toolbar or the other things floating over the map. Pure: the canvas
 * measures the screen, this decides. Linking phrases count as much as concepts: a phrase under the
 * toolbar or off the edge leaves its proposition half read.
 */

/** A rectangle on the canvas's screen, in CSS pixels from its top left corner. */
export interface ScreenRect {
  x: number
  y: number
  w: number
  h: number
}

/**
 * The least zoom fit goes to: concept labels are 14 px and phrases 13 px, so at 0.7 the smallest
 * text is 9 px on screen, about the least anyone reads (and far above where labels hide, 0.3).
 */
export const READABLE_ZOOM = 0.7

/** Room kept between a fitted map and the edges or whatever floats over it. */
const GAP = 8

/**
 * The concept a map is read from: of the concepts in its top row, the one with the most links
 * leaving it (the root of a concept map, under the focus question), then the one nearest the middle.
 */
export function rootOf(boxes: ReadonlyMap<string, Box>, links: Iterable<{ from: string; to: string }>): Box | null {
  let top = Infinity
  let minX = Infinity
  let maxX = -Infinity
  for (const b of boxes.values()) {
    top = Math.min(top, b.y - b.h / 2)
    minX = Math.min(minX, b.x - b.w / 2)
    maxX = Math.max(maxX, b.x + b.w / 2)
  }
  const out = new Map<string, number>()
  for (const l of links) out.set(l.from, (out.get(l.from) ?? 0) + 1)
  const middle = (minX + maxX) / 2
  let best: Box | null = null
  let bestScore = -Infinity
  for (const [id, b] of boxes) {
    if (b.y - b.h / 2 > top + 40) continue
    // Links count first; distance from the middle only breaks ties.
    const score = (out.get(id) ?? 0) * 1e6 - Math.abs(b.x - middle)
    if (score > bestScore) {
      bestScore = score
      best = b
    }
  }
  return best
}

/** A part of the view, in the canvas's screen pixels. */
export interface Area {
  left: number
  top: number
  right: number
  bottom: number
}

/** How far in from the left or top edge a panel may float and still be taken as along it (the vote panel's 12 px). */
const EDGE = 16

/**
 * The part of the screen a fitted map may take: side panels (most of the height, at or just off an
 * edge), what sits along the bottom edge (the toolbar) and what spans the top (a phone's vote panel)
 * or holds its right end (the find bar) are left out; smaller things floating inside (the overview, a
 * short vote panel) are only kept clear of.
 */
export function freeArea(size: { w: number; h: number }, overlays: readonly ScreenRect[]): Area {
  const a = { left: 0, top: 0, right: size.w, bottom: size.h }
  const rest: ScreenRect[] = []
  for (const o of overlays) {
    const panel = o.h >= size.h * 0.6
    if (panel && o.x + o.w >= size.w - 2) a.right = Math.min(a.right, o.x)
    // The vote panel floats 12 px in from the left: a gap like the toolbar's beside it.
    else if (panel && o.x <= EDGE) a.left = Math.max(a.left, o.x + o.w + (o.x > 2 ? GAP : 0))
    else rest.push(o)
  }
  // The rest once the side panels are known: the find bar keeps the top right of the part they leave.
  for (const o of rest) {
    if (o.y + o.h >= size.h - 40) a.bottom = Math.min(a.bottom, o.y - GAP)
    else if (o.y <= EDGE && (o.w >= (a.right - a.left) * 0.6 || o.x + o.w >= a.right - EDGE)) a.top = Math.max(a.top, o.y + o.h + GAP)
  }
  // A panel over nearly all of a small screen: fit to the whole screen rather than to nothing.
  if (a.right - a.left < size.w * 0.3) {
    a.left = 0
    a.right = size.w
  }
  if (a.bottom - a.top < size.h * 0.3) {
    a.top = 0
    a.bottom = size.h
  }
  return a
}

/** How many of `boxes` an overlay covers on screen at view `v`. */
function count(boxes: readonly Box[], v: Viewport, o: ScreenRect): number {
  let n = 0
  for (const b of boxes) {
    const x = (b.x - b.w / 2) * v.zoom + v.x
    const y = (b.y - b.h / 2) * v.zoom + v.y
    if (x < o.x + o.w && o.x < x + b.w * v.zoom && y < o.y + o.h && o.y < y + b.h * v.zoom) n++
  }
  return n
}

/**
 * How many concepts, then how many phrases, each overlay covers, in the overlays' order (the first
 * matters most; a concept hidden matters more than a phrase).
 */
function covered(boxes: readonly Box[], phrases: readonly Box[], v: Viewport, overlays: readonly ScreenRect[]): number[] {
  return overlays.flatMap((o) => [count(boxes, v, o), count(phrases, v, o)])
}

const fewer = (a: readonly number[], b: readonly number[]): boolean => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!
  return false
}

export interface FitInput {
  /** The screen's size in CSS pixels. */
  size: { w: number; h: number }
  /** What floats over the map, most important first (the toolbar, then the overview). */
  overlays: readonly ScreenRect[]
  /** Where a map too large to read whole is shown from (see rootOf); its top middle otherwise. */
  root?: Box | null
  /** The linking phrases' boxes: kept in view and clear of the overlays as the concepts are. */
  phrases?: readonly Box[]
}

/** The viewport that fits these concepts readably (see the module comment); null for no concepts. */
export function fitView(boxes: readonly Box[], { size, overlays, root, phrases = [] }: FitInput): Viewport | null {
  if (boxes.length === 0) return null
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const b of [...boxes, ...phrases]) {
    minX = Math.min(minX, b.x - b.w / 2)
    minY = Math.min(minY, b.y - b.h / 2)
    maxX = Math.max(maxX, b.x + b.w / 2)
    maxY = Math.max(maxY, b.y + b.h / 2)
  }
  if (minX > maxX) return null
  const area = freeArea(size, overlays)
  const pad = size.w < 600 ? 16 : 48
  const aw = area.right - area.left
  const ah = area.bottom - area.top
  const bw = Math.max(1, maxX - minX)
  const bh = Math.max(1, maxY - minY)
  const centred = (zoom: number): Viewport => ({
    zoom,
    x: area.left + aw / 2 - ((minX + maxX) / 2) * zoom,
    y: area.top + ah / 2 - ((minY + maxY) / 2) * zoom
  })

  // All of it, if it reads at that size: shrunk a little where something floating still covers a concept.
  let zoom = Math.min(1, (aw - 2 * pad) / bw, (ah - 2 * pad) / bh)
  while (zoom >= READABLE_ZOOM) {
    const v = centred(zoom)
    if (covered(boxes, phrases, v, overlays).every((n) => n === 0) || zoom * 0.95 < READABLE_ZOOM) return v
    zoom *= 0.95
  }

  // Too large: its top, from the root, at a readable zoom. A slightly larger zoom or a little more room
  // above often lets a gap between rows fall where the toolbar is, so no concept sits under it.
  const anchor = root?.x ?? (minX + maxX) / 2
  const at = (z: number, dy: number): Viewport => {
    let x: number
    if (bw * z + 2 * pad <= aw) x = area.left + (aw - bw * z) / 2 - minX * z
    else {
      x = area.left + aw / 2 - anchor * z
      // The map's edge stays at the screen's edge: no empty screen beside a map that goes on.
      x = Math.min(x, area.left + pad - minX * z)
      x = Math.max(x, area.right - pad - maxX * z)
    }
    return { zoom: z, x, y: area.top + Math.min(pad, 24) + dy - minY * z }
  }
  let best = at(READABLE_ZOOM, 0)
  let bestCovered = covered(boxes, phrases, best, overlays)
  for (let dy = 0; dy <= 48 && bestCovered.some((n) => n > 0); dy += 6) {
    for (let k = 0; k <= 15; k++) {
      const v = at(READABLE_ZOOM * (1 + k / 100), dy)
      const c = covered(boxes, phrases, v, overlays)
      if (fewer(c, bestCovered)) {
        best = v
        bestCovered = c
        if (c.every((n) => n === 0)) break
      }
    }
  }
  return best
}

/** Where each shown element is on `host`'s screen (hidden ones, with no box, are left out). */
export function rectsOn(host: Element, els: Iterable<Element | null>): ScreenRect[] {
  const origin = host.getBoundingClientRect()
  const out: ScreenRect[] = []
  for (const el of els) {
    const r = el?.getBoundingClientRect()
    if (r && r.width > 0 && r.height > 0) out.push({ x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height })
  }
  return out
}

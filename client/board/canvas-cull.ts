import type { Concept, Link } from '../../shared/schema/board-map'
import type { Box } from '../model/geometry'
import type { Viewport } from '../model/viewport'
import type { CachedGeometry } from './link-layout'

/**
 * Drawing only what is near the view. A large map's concepts, phrases and arrows outside the
 * screen (and, once the first screen is drawn, half a screen around it) have no elements: the
 * first render creates a screenful instead of the whole map, and each frame's style, layout and
 * paint covers what can be seen. The data, hit testing, keyboard navigation and find work on the
 * whole map as before; a focused or edited item keeps its element wherever it is.
 */

/** A part of the map, in map coordinates. */
export interface Area {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

/** Maps smaller than this draw everything: cheap, and every item stays in the listbox. */
export const CULL_FROM = 200

export const EVERYWHERE: Area = { minX: -Infinity, minY: -Infinity, maxX: Infinity, maxY: Infinity }
const NOWHERE: Area = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity }

/** The map area on screen. */
export function onScreen(v: Viewport, size: { w: number; h: number }): Area {
  return { minX: -v.x / v.zoom, minY: -v.y / v.zoom, maxX: (size.w - v.x) / v.zoom, maxY: (size.h - v.y) / v.zoom }
}

function covers(outer: Area, inner: Area): boolean {
  return outer.minX <= inner.minX && outer.minY <= inner.minY && outer.maxX >= inner.maxX && outer.maxY >= inner.maxY
}

/**
 * The area to draw for this view: `current` while it still covers the screen (so a pan renders
 * only when it reaches the edge of what is drawn), else the screen with `margin` screens around it
 * (half a screen, once the first screen is drawn: see DrawnArea).
 * `rest` (no gesture under way) also renews an area grown far larger than the screen (after
 * zooming in), so the DOM shrinks back once the view settles.
 */
export function areaFor(current: Area, concepts: number, v: Viewport, size: { w: number; h: number }, rest: boolean, margin = 0.5): Area {
  if (concepts < CULL_FROM) return current === EVERYWHERE ? current : EVERYWHERE
  if (size.w === 0 || size.h === 0) return current === EVERYWHERE ? NOWHERE : current
  const screen = onScreen(v, size)
  const w = screen.maxX - screen.minX
  const h = screen.maxY - screen.minY
  const tooBig = rest && (current.maxX - current.minX > 4 * w || current.maxY - current.minY > 4 * h)
  if (current !== EVERYWHERE && covers(current, screen) && !tooBig) return current
  return { minX: screen.minX - w * margin, minY: screen.minY - h * margin, maxX: screen.maxX + w * margin, maxY: screen.maxY + h * margin }
}

/** Focused, waiting for focus, edited, linked from or to: these keep their elements wherever the view is. */
export function pinnedIds(ids: readonly (string | null | undefined)[]): Set<string> {
  return new Set(ids.filter((id): id is string => !!id))
}

export function boxIn(b: Box, a: Area): boolean {
  return b.x + b.w / 2 >= a.minX && b.x - b.w / 2 <= a.maxX && b.y + b.h / 2 >= a.minY && b.y - b.h / 2 <= a.maxY
}

/**
 * Whether a link's arrow or phrase may cross the area: its phrase is in it, or its line (the chord
 * between its concepts, with room for a phrase's width and a bend) crosses it. A hub's lines fan
 * out from its phrase: the box around its concepts stands for them.
 */
export function linkIn(c: CachedGeometry, a: Area): boolean {
  if (phraseIn(c, a)) return true
  const grown = phraseRoom(a)
  if (c.deps.length > 2) {
    let minX = Infinity
    let minY = Infinity
    let maxX = -Infinity
    let maxY = -Infinity
    for (const b of c.deps) {
      minX = Math.min(minX, b.x - b.w / 2)
      minY = Math.min(minY, b.y - b.h / 2)
      maxX = Math.max(maxX, b.x + b.w / 2)
      maxY = Math.max(maxY, b.y + b.h / 2)
    }
    return maxX >= grown.minX && minX <= grown.maxX && maxY >= grown.minY && minY <= grown.maxY
  }
  return segmentCrosses(c.from, c.to, grown)
}

/**
 * Whether a link's phrase may be in the area. A link whose line crosses the area but whose phrase
 * is away from it has its arrow drawn and no phrase element: on a phone's first screen of a large
 * map, the long cross-links made three of every four phrase elements, none of them visible.
 */
export function phraseIn(c: CachedGeometry, a: Area): boolean {
  const p = c.geometry.label
  const grown = phraseRoom(a)
  return p.x >= grown.minX && p.x <= grown.maxX && p.y >= grown.minY && p.y <= grown.maxY
}

/** A phrase is wider than its point: room so it does not pop in at the edge. */
function phraseRoom(a: Area): Area {
  return { minX: a.minX - 100, minY: a.minY - 30, maxX: a.maxX + 100, maxY: a.maxY + 30 }
}

/** Whether the segment from `p` to `q` passes through the area (Liang–Barsky clipping). */
function segmentCrosses(p: { x: number; y: number }, q: { x: number; y: number }, a: Area): boolean {
  const dx = q.x - p.x
  const dy = q.y - p.y
  let t0 = 0
  let t1 = 1
  const edges: [number, number][] = [[-dx, p.x - a.minX], [dx, a.maxX - p.x], [-dy, p.y - a.minY], [dy, a.maxY - p.y]]
  for (const [d, n] of edges) {
    if (d === 0) {
      if (n < 0) return false
      continue
    }
    const t = n / d
    if (d < 0) t0 = Math.max(t0, t)
    else t1 = Math.min(t1, t)
    if (t0 > t1) return false
  }
  return true
}

/** What has elements: concepts, links' arrows, and links' phrases (a subset of the arrows). */
export interface Shown {
  concepts: Concept[]
  links: Link[]
  phrases: Link[]
}

/**
 * The concepts and links to draw: those in the area, the pinned ones (focused, edited, linked
 * from), and those drawn before (`before`: concepts and arrows; `phrasesBefore`) that are still
 * within half an area of it. The margin keeps an item moving back and forth across the area's edge
 * (someone dragging it) from costing a render each time it comes back in.
 */
export function inArea(
  a: Area,
  concepts: ReadonlyMap<string, Concept>,
  drawn: readonly Link[],
  boxes: ReadonlyMap<string, Box>,
  geometries: ReadonlyMap<string, CachedGeometry>,
  pinned: ReadonlySet<string>,
  before: ReadonlySet<string>,
  phrasesBefore: ReadonlySet<string> = before
): Shown {
  if (a === EVERYWHERE) {
    const links = [...drawn]
    return { concepts: [...concepts.values()], links, phrases: links }
  }
  const w = (a.maxX - a.minX) / 2
  const h = (a.maxY - a.minY) / 2
  const outer = { minX: a.minX - w, minY: a.minY - h, maxX: a.maxX + w, maxY: a.maxY + h }
  const shownConcepts: Concept[] = []
  for (const c of concepts.values()) {
    const b = boxes.get(c.id)
    if (pinned.has(c.id) || (b && boxIn(b, before.has(c.id) ? outer : a))) shownConcepts.push(c)
  }
  const shownLinks: Link[] = []
  const phrases: Link[] = []
  for (const l of drawn) {
    const g = geometries.get(l.id)
    if (pinned.has(l.id)) {
      shownLinks.push(l)
      phrases.push(l)
    } else if (g && linkIn(g, before.has(l.id) ? outer : a)) {
      shownLinks.push(l)
      if (phraseIn(g, phrasesBefore.has(l.id) ? outer : a)) phrases.push(l)
    }
  }
  return { concepts: shownConcepts, links: shownLinks, phrases }
}

import type { Concept, Link } from '../../shared/schema/board-map'
import { boxesOverlap, type Box } from '../model/geometry'
import { knownConceptSize, textMeasure, type MeasureText } from './concept-size'
import { geometryOf, phraseRect, phraseSpace, reachOf, unchanged, type CachedGeometry, type LinkPlan, type PhraseSpace } from './link-layout'

/** Sizes within this of each other are the same box (a measured box and its estimate). */
const SAME_SIZE = 0.5

/**
 * Concept boxes for link geometry and hit testing. A box keeps its identity while its concept and
 * size do not change, so only the links touching a moved concept re-render. Until the DOM has
 * measured a concept, its size is worked out from its label (concept-size); a measurement within
 * half a pixel of that keeps the box, so the first measurement of a map moves no link.
 */
export function deriveBoxes(
  concepts: ReadonlyMap<string, Concept>,
  sizes: ReadonlyMap<string, { w: number; h: number }>,
  prev: ReadonlyMap<string, Box>,
  measure: MeasureText = textMeasure(),
  devicePixelRatio = typeof window === 'undefined' ? 1 : window.devicePixelRatio
): Map<string, Box> {
  const boxes = new Map<string, Box>()
  for (const [id, c] of concepts) {
    const old = prev.get(id)
    // Measured first: a stored size is only the least a box takes (a long label grows it).
    const s = sizes.get(id) ?? knownConceptSize(c, measure, devicePixelRatio)
    boxes.set(id, old && old.x === c.x && old.y === c.y && Math.abs(old.w - s.w) < SAME_SIZE && Math.abs(old.h - s.h) < SAME_SIZE ? old : { x: c.x, y: c.y, w: s.w, h: s.h })
  }
  return boxes
}

/**
 * Links whose two concepts exist: only these are propositions, and only these are drawn. In the order
 * of their ids, not of the snapshot (the order links reached this client): phrases are placed, and
 * hubs formed, in this order, so every client draws the same map alike.
 */
export function drawnLinks(links: ReadonlyMap<string, Link>, concepts: ReadonlyMap<string, Concept>): Link[] {
  const out: Link[] = []
  for (const l of links.values()) if (l.from !== l.to && concepts.has(l.from) && concepts.has(l.to)) out.push(l)
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/**
 * What a screen reader says after a concept's name: the propositions it takes part in, so a
 * participant who cannot see the arrows still reads the map as sentences.
 */
export function conceptDescriptions(concepts: ReadonlyMap<string, Concept>, links: readonly Link[]): Map<string, string> {
  const parts = new Map<string, string[]>()
  const name = (id: string) => concepts.get(id)?.label || 'Untitled concept'
  const add = (id: string, text: string) => {
    let list = parts.get(id)
    if (!list) parts.set(id, (list = []))
    list.push(text)
  }
  for (const l of links) {
    const phrase = l.label || 'linked to'
    add(l.from, `${phrase} ${name(l.to)}`)
    add(l.to, `${name(l.from)} ${phrase} this`)
  }
  const out = new Map<string, string>()
  for (const [id, list] of parts) {
    out.set(id, `${list.length} ${list.length === 1 ? 'link' : 'links'}: ${list.join('; ')}`)
  }
  return out
}

/** Whether any concept's label changed between two snapshots (positions do not matter here). */
export function labelsChanged(a: ReadonlyMap<string, Concept>, b: ReadonlyMap<string, Concept>): boolean {
  if (a.size !== b.size) return true
  for (const [id, c] of b) if (a.get(id)?.label !== c.label) return true
  return false
}

export type { CachedGeometry } from './link-layout'

/**
 * Geometry of every drawn link, each phrase placed clear of the concepts and of the phrases placed
 * before it, in the links' order (by id: see drawnLinks). All of them: where a phrase lands then
 * depends on the document alone, never on which links arrived first or what was placed before (two
 * clients holding the same map draw it alike). A result equal to `prev`'s keeps its object, so only
 * the elements of phrases that moved update. Costs ~20 ms for 1,500 links: moves take the quicker
 * deriveGeometries, and CanvasModel places all afresh by this once they stop.
 */
export function placeAllLinks(
  links: readonly Link[],
  boxes: ReadonlyMap<string, Box>,
  plan: LinkPlan,
  prev: ReadonlyMap<string, CachedGeometry>
): Map<string, CachedGeometry> {
  const out = new Map<string, CachedGeometry>()
  let index: PhraseSpace | null = null
  const space = () => (index ??= phraseSpace(boxes, [], reachOf(links, boxes, plan)))
  for (const l of links) {
    const next = geometryOf(l, boxes, plan, space)
    const p = prev.get(l.id)
    out.set(l.id, p && sameGeometry(p, next) ? p : next)
  }
  return out
}

/**
 * Geometry of every drawn link, recomputed only for links whose boxes or bend changed (boxes keep
 * their identity while unchanged), so a remote drag of 20 concepts recomputes only their links.
 * Provisional: the phrases kept are where an earlier placement put them (see placeAllLinks).
 */
export function deriveGeometries(
  links: readonly Link[],
  boxes: ReadonlyMap<string, Box>,
  plan: LinkPlan,
  prev: ReadonlyMap<string, CachedGeometry>
): Map<string, CachedGeometry> {
  const out = new Map<string, CachedGeometry>()
  const redo: Link[] = []
  for (const l of links) {
    const p = prev.get(l.id)
    if (unchanged(l, boxes, plan, p)) out.set(l.id, p)
    else redo.push(l)
  }
  // Indexed on the first link that needs it: most renders recompute none. The phrases that stay are
  // taken, so a phrase placed now never lands on them (nor on one placed before it now).
  let index: PhraseSpace | null = null
  const space = () => (index ??= phraseSpace(boxes, links.flatMap((l) => (out.has(l.id) ? [[l, out.get(l.id)!] as const] : [])), reachOf(redo, boxes, plan)))
  for (const l of redo) out.set(l.id, geometryOf(l, boxes, plan, space))
  // In the links' order, as before.
  return new Map(links.map((l) => [l.id, out.get(l.id)!]))
}

function sameGeometry(a: CachedGeometry, b: CachedGeometry): boolean {
  const g = a.geometry
  const h = b.geometry
  return a.from === b.from && a.to === b.to && a.bend === b.bend && a.deps.length === b.deps.length && a.deps.every((d, i) => d === b.deps[i]) &&
    g.line === h.line && g.label.x === h.label.x && g.label.y === h.label.y && g.visible === h.visible && g.member === h.member
}

/** The drawn link whose line passes within `tolerance` of (x, y), in map coordinates. */
export function linkNear(
  x: number,
  y: number,
  links: readonly Link[],
  geometries: ReadonlyMap<string, CachedGeometry>,
  tolerance: number
): string | null {
  let best: string | null = null
  let bestD = tolerance
  for (const l of links) {
    const c = geometries.get(l.id)
    if (!c?.geometry.visible) continue
    // The straight chord is close enough for picking (bent links are rare and gently curved).
    const { from: a, to: b } = c
    const dx = b.x - a.x
    const dy = b.y - a.y
    const len2 = dx * dx + dy * dy || 1
    const t = Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / len2))
    const d = Math.hypot(x - (a.x + t * dx), y - (a.y + t * dy))
    if (d < bestD) {
      bestD = d
      best = l.id
    }
  }
  return best
}

/** How many layout groups the map's items are spread over (see `inGroups`). */
const GROUPS = 128

/** A stable group for an id (FNV-1a): an item never changes group, so it is never re-created. */
export function groupOf(id: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193)
  return (h >>> 0) % GROUPS
}

/**
 * Items spread over small, layout-contained groups. Moving one absolutely positioned element makes
 * the browser re-place every sibling in its containing block; in groups of a few, a remote drag
 * costs a fraction of a millisecond instead of several.
 */
export function inGroups<T extends { id: string }>(items: Iterable<T>): { key: number; items: T[] }[] {
  const buckets = new Map<number, T[]>()
  for (const item of items) {
    const g = groupOf(item.id)
    const list = buckets.get(g)
    if (list) list.push(item)
    else buckets.set(g, [item])
  }
  return [...buckets].sort((a, b) => a[0] - b[0]).map(([key, list]) => ({ key, items: list }))
}

/** Backdrop room kept around the map (see renderBackdrop): grown in big steps, so rarely repainted. */
const BACKDROP_MARGIN = 1500

export function insideBackdrop(b: { minX: number; minY: number; maxX: number; maxY: number }, x: number, y: number): boolean {
  return x - BACKDROP_MARGIN > b.minX && x + BACKDROP_MARGIN < b.maxX && y - BACKDROP_MARGIN > b.minY && y + BACKDROP_MARGIN < b.maxY
}

/** A backdrop that covers every concept with room to spare, or the same one if it still does. */
export function grownBackdrop<B extends { minX: number; minY: number; maxX: number; maxY: number }>(
  b: B,
  concepts: ReadonlyMap<string, Concept>
): B {
  let grow = false
  for (const c of concepts.values()) {
    if (!insideBackdrop(b, c.x, c.y)) {
      grow = true
      break
    }
  }
  if (!grow) return b
  const next = { ...b }
  for (const c of concepts.values()) {
    next.minX = Math.min(next.minX, c.x - 4000)
    next.maxX = Math.max(next.maxX, c.x + 4000)
    next.minY = Math.min(next.minY, c.y - 3000)
    next.maxY = Math.max(next.maxY, c.y + 3000)
  }
  return next
}

/** The topmost concept whose box contains (x, y). */
export function boxAt(boxes: ReadonlyMap<string, Box>, x: number, y: number): string | null {
  let hit: string | null = null
  for (const [id, b] of boxes) if (Math.abs(x - b.x) <= b.w / 2 && Math.abs(y - b.y) <= b.h / 2) hit = id
  return hit
}

/** A new concept, as free space is looked for: room for a label of a few words. */
const NEW_CONCEPT: readonly Box[] = [{ x: 0, y: 0, w: 200, h: 50 }]

/**
 * The nearest place to (x, y), searching outwards in rings, where a new concept overlaps no box
 * (concept or phrase); or where a group of concepts does (`group`: their boxes around (0, 0), as
 * pasted or duplicated concepts keep their arrangement).
 */
export function freeSpot(obstacles: readonly Box[], x: number, y: number, group: readonly Box[] = NEW_CONCEPT): { x: number; y: number } {
  const probe = { x, y, w: 0, h: 0 }
  for (let ring = 0; ring < 12; ring++) {
    const steps = ring === 0 ? 1 : ring * 8
    for (let i = 0; i < steps; i++) {
      const a = (i / steps) * Math.PI * 2
      const px = x + Math.cos(a) * ring * 80
      const py = y + Math.sin(a) * ring * 60
      let free = true
      for (const g of group) {
        probe.x = px + g.x
        probe.y = py + g.y
        probe.w = g.w
        probe.h = g.h
        for (const b of obstacles) if (boxesOverlap(probe, b, 20)) free = false
        if (!free) break
      }
      if (free) return { x: px, y: py }
    }
  }
  return { x, y }
}

/** What places phrases: the concepts' boxes, the drawn links, their plan and geometry (the canvas model). */
interface Drawing {
  boxes: ReadonlyMap<string, Box>
  drawn: readonly Link[]
  plan: LinkPlan
  geometries: ReadonlyMap<string, CachedGeometry>
}

/**
 * The boxes of the shown phrases with the concepts at `boxes`: as drawn, or placed afresh for
 * concepts somewhere else (where auto-layout is putting them).
 */
export function phraseRects(m: Drawing, boxes: ReadonlyMap<string, Box> = m.boxes): Box[] {
  const geometries = boxes === m.boxes ? m.geometries : placeAllLinks(m.drawn, boxes, m.plan, new Map())
  const out: Box[] = []
  for (const l of m.drawn) {
    const g = geometries.get(l.id)?.geometry
    const rect = g && phraseRect(l, g)
    if (rect) out.push(rect)
  }
  return out
}

/** A free spot near (x, y) among the concepts and the shown phrases: a concept dropped on a phrase would hide it. */
export function freeSpotAmong(m: Drawing, x: number, y: number, group?: readonly Box[]): { x: number; y: number } {
  return freeSpot([...m.boxes.values(), ...phraseRects(m)], x, y, group)
}

/** A small box around a link's phrase, to reveal or fly to it. */
export function phraseBox(geometries: ReadonlyMap<string, CachedGeometry>, id: string): Box | null {
  const g = geometries.get(id)?.geometry
  return g ? { x: g.label.x, y: g.label.y, w: 40, h: 20 } : null
}

/** Concept sizes after a ResizeObserver report, or null if none changed (by half a pixel or more). */
export function measuredSizes(
  entries: readonly ResizeObserverEntry[],
  sizes: ReadonlyMap<string, { w: number; h: number }>
): Map<string, { w: number; h: number }> | null {
  let next: Map<string, { w: number; h: number }> | null = null
  for (const entry of entries) {
    const id = (entry.target as HTMLElement).dataset.item
    const box = entry.borderBoxSize[0]
    if (!id || !box || box.inlineSize === 0) continue
    const old = (next ?? sizes).get(id)
    if (old && Math.abs(old.w - box.inlineSize) < 0.5 && Math.abs(old.h - box.blockSize) < 0.5) continue
    next ??= new Map(sizes)
    next.set(id, { w: box.inlineSize, h: box.blockSize })
  }
  return next
}

import { findHubs, hubOfLink, type Hub } from '../../shared/drawing/hubs'
import { Occupancy, farOffLine, firstFree, hubAxis, spotsAlong, type Point, type Taken } from '../../shared/drawing/phrase-place'
import type { Link } from '../../shared/schema/board-map'
import { boxesOverlap, exitPoint, linkBends, linkGeometry, type Box, type LinkGeometry } from '../model/geometry'

/**
 * How the board draws its links so their phrases stay readable: hubs (one phrase, several arrows,
 * as CmapTools draws a fan-out; see shared/drawing/hubs) and phrases slid along their line off any
 * concept they would hide under. The exports place phrases by the same rules (shared/exchange/layout).
 */

export interface LinkPlan {
  bends: ReadonlyMap<string, number>
  hubOf: ReadonlyMap<string, Hub<Link>>
}

export function planLinks(drawn: readonly Link[]): LinkPlan {
  const { hubs, single } = findHubs(drawn)
  return { bends: linkBends(single), hubOf: hubOfLink(hubs) }
}

/** A drawn link's geometry and what it was computed from (boxes keep their identity while unchanged). */
export interface CachedGeometry {
  from: Box
  to: Box
  bend: number
  /** Every box the geometry depends on: its two ends, or all of its hub's concepts. */
  deps: readonly Box[]
  geometry: LinkGeometry
}

/**
 * Where phrases may still go: the concept boxes and every phrase placed so far, indexed for "is this
 * spot free?". A hub's phrase is placed once, for the first of its links computed.
 */
export class PhraseSpace implements Taken {
  private readonly own = new Occupancy()
  readonly hubSpots = new Map<Hub<Link>, Point>()

  /** `base`: what stays put while this space is used (see canvas-fast-move), shared, never added to. */
  constructor(private readonly base: Taken | null = null) {}

  add(r: Box): void {
    this.own.add(r)
  }

  hits(r: Box, margin = 0, ignore?: ReadonlySet<Box>): boolean {
    return (this.base?.hits(r, margin, ignore) ?? false) || this.own.hits(r, margin, ignore)
  }
}

/** A part of the map, in map coordinates. */
export interface Reach {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

/** How far a phrase can be from its concepts' boxes: half the widest phrase, pushed off its line. */
const PHRASE_REACH = 140

/** Where the phrases of these links can land: around their concepts (all of a hub's). */
export function reachOf(links: Iterable<Link>, boxes: ReadonlyMap<string, Box>, plan: LinkPlan): Reach {
  const r = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity }
  const grow = (id: string) => {
    const b = boxes.get(id)
    if (!b) return
    r.minX = Math.min(r.minX, b.x - b.w / 2 - PHRASE_REACH)
    r.maxX = Math.max(r.maxX, b.x + b.w / 2 + PHRASE_REACH)
    r.minY = Math.min(r.minY, b.y - b.h / 2 - PHRASE_REACH)
    r.maxY = Math.max(r.maxY, b.y + b.h / 2 + PHRASE_REACH)
  }
  for (const l of links) {
    const hub = plan.hubOf.get(l.id)
    if (hub) for (const id of [...hub.from, ...hub.to]) grow(id)
    else {
      grow(l.from)
      grow(l.to)
    }
  }
  return r
}

const within = (b: Box, r: Reach) => b.x + b.w / 2 > r.minX && b.x - b.w / 2 < r.maxX && b.y + b.h / 2 > r.minY && b.y - b.h / 2 < r.maxY

/**
 * The concept boxes and the phrases of the links kept as they are (`kept`), for placing the
 * phrases of the others: a phrase placed later never lands on one placed earlier. Only what lies
 * within `reach` (of the phrases to place) is indexed: a drag of a few concepts on a large map
 * indexes their neighbourhood, not the whole map, on every move.
 */
export function phraseSpace(boxes: ReadonlyMap<string, Box>, kept: Iterable<readonly [Link, CachedGeometry]>, reach: Reach): PhraseSpace {
  const space = new PhraseSpace()
  for (const b of boxes.values()) if (within(b, reach)) space.add(b)
  for (const [l, c] of kept) {
    const rect = phraseRect(l, c.geometry)
    if (rect && within(rect, reach)) space.add(rect)
  }
  return space
}

/** A phrase's size before the DOM has measured it: 13 px text, at most 160 px wide. */
export function phraseSize(label: string): { w: number; h: number } {
  const w = label.length * 7 + 12
  return { w: Math.min(172, w), h: 18 * Math.max(1, Math.ceil(w / 172)) }
}

/** The box a link's shown phrase takes ("…" for a link without one), or null when none is shown. */
export function phraseRect(l: Link, g: LinkGeometry): Box | null {
  if (!g.visible || g.member) return null
  return { x: g.label.x, y: g.label.y, ...phraseSize(l.label || '…') }
}

/** Whether a link's cached geometry still holds: nothing it is computed from changed. */
export function unchanged(l: Link, boxes: ReadonlyMap<string, Box>, plan: LinkPlan, prev: CachedGeometry | undefined): prev is CachedGeometry {
  if (!prev) return false
  const hub = plan.hubOf.get(l.id)
  const bend = hub ? 0 : (plan.bends.get(l.id) ?? 0)
  if (prev.bend !== bend) return false
  if (!hub) return prev.deps.length === 2 && prev.deps[0] === boxes.get(l.from) && prev.deps[1] === boxes.get(l.to)
  const ids = [...hub.from, ...hub.to]
  return prev.deps.length === ids.length && ids.every((id, i) => prev.deps[i] === boxes.get(id))
}

const SPOTS = [0.5, 0.4, 0.6, 0.32, 0.68]
/** How far off its line a straight link's phrase is tried first (spotsAlong tries twice this last). */
const PHRASE_SIDE = 22

const r = (n: number): number => Math.round(n * 10) / 10

/** A line from one box's edge to `at`, then on to the other's (a hub's, or a phrase pushed aside). */
function throughPoint(from: Box, to: Box, at: Point): string {
  const s = exitPoint(from, at, 2)
  const e = exitPoint(to, at, 4)
  return `M${r(s.x)} ${r(s.y)}L${r(at.x)} ${r(at.y)}L${r(e.x)} ${r(e.y)}`
}

/** The geometry of one drawn link; `prev` is returned when nothing it depends on changed. */
export function geometryOf(
  l: Link,
  boxes: ReadonlyMap<string, Box>,
  plan: LinkPlan,
  /** Concepts and the phrases placed so far, built when first needed; this link's phrase is added. */
  space: () => PhraseSpace,
  prev?: CachedGeometry
): CachedGeometry {
  const from = boxes.get(l.from)!
  const to = boxes.get(l.to)!
  const hub = plan.hubOf.get(l.id)
  const bend = hub ? 0 : (plan.bends.get(l.id) ?? 0)
  if (unchanged(l, boxes, plan, prev)) return prev
  const deps = hub ? [...hub.from, ...hub.to].map((id) => boxes.get(id)!) : [from, to]
  if (hub) {
    const s0 = space()
    let at = s0.hubSpots.get(hub)
    if (!at) {
      const axis = hubAxis(deps.slice(0, hub.from.length), deps.slice(hub.from.length))
      const size = phraseSize(hub.label)
      at = firstFree(size, spotsAlong(axis.a, axis.b, 24, axis.fractions), s0, 4)
      s0.hubSpots.set(hub, at)
      s0.add({ ...at, ...size })
    }
    return {
      from, to, bend, deps,
      geometry: {
        line: throughPoint(from, to, at),
        label: at,
        visible: !boxesOverlap(from, to, 2),
        // The hub's first link shows the phrase; the others keep theirs for keyboard and screen readers.
        member: hub.links[0] !== l
      }
    }
  }
  const geometry = linkGeometry(from, to, bend)
  if (geometry.visible) {
    const size = phraseSize(l.label || '…')
    const [a, b] = bend === 0 ? endsOf(geometry.line) : [null, null]
    // A bent link keeps the spot on its curve; a straight one slides along itself.
    if (a && b) {
      const at = firstFree(size, spotsAlong(a, b, PHRASE_SIDE, SPOTS), space(), 4)
      geometry.label = at
      // Pushed well off the line (two concepts closer than the phrase is wide), the link goes through
      // its phrase, as a hub's lines do, so the phrase still reads as this link's.
      if (farOffLine(a, b, at, PHRASE_SIDE)) geometry.line = throughPoint(from, to, at)
    }
    space().add({ ...geometry.label, ...size })
  }
  return { from, to, bend, deps, geometry }
}

/** The two ends of a straight `M x y L x y` line. */
function endsOf(line: string): [Point | null, Point | null] {
  const m = /^M(-?[\d.]+) (-?[\d.]+)L(-?[\d.]+) (-?[\d.]+)$/.exec(line)
  return m ? [{ x: +m[1]!, y: +m[2]! }, { x: +m[3]!, y: +m[4]! }] : [null, null]
}

/** For each concept, the drawn links a move of it redraws: its own, and all of any hub it is in. */
export function linksByConcept(drawn: readonly Link[], plan: LinkPlan): Map<string, Link[]> {
  const out = new Map<string, Set<Link>>()
  const add = (id: string, l: Link) => {
    const set = out.get(id)
    if (set) set.add(l)
    else out.set(id, new Set([l]))
  }
  for (const l of drawn) {
    const hub = plan.hubOf.get(l.id)
    if (hub) for (const id of [...hub.from, ...hub.to]) add(id, l)
    else {
      add(l.from, l)
      add(l.to, l)
    }
  }
  return new Map([...out].map(([id, set]) => [id, [...set]]))
}

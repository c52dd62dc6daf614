import type { Concept, Link } from '../../shared/schema/board-map'
import type { Box } from '../model/geometry'
import type { CachedGeometry } from './canvas-derive'
import { geometryOf, phraseSpace, PhraseSpace, type LinkPlan } from './link-layout'
import type { CgConcept } from './cg-concept'
import type { CgLink } from './cg-link'

/** Ids of the concepts whose only change between two snapshots is their position; null if anything else changed. */
export function movedOnly(prev: ReadonlyMap<string, Concept> | undefined, next: ReadonlyMap<string, Concept>): string[] | null {
  if (!prev || prev.size !== next.size) return null
  const moved: string[] = []
  for (const [id, c] of next) {
    const p = prev.get(id)
    if (!p) return null
    if (p === c) continue
    if (p.label !== c.label || p.w !== c.w || p.h !== c.h || p.color !== c.color || p.textColor !== c.textColor || p.shape !== c.shape) return null
    moved.push(id)
  }
  return moved
}

/** The concepts and phrases that stay put while the concepts of `key` move (see applyMoves). */
export interface StillIndex {
  key: string
  taken: PhraseSpace | null
}

/** The canvas state the fast path reads and replaces. */
export interface MoveTarget {
  concepts: ReadonlyMap<string, Concept>
  boxes: ReadonlyMap<string, Box>
  geometries: ReadonlyMap<string, CachedGeometry>
  /** Every drawn link: the phrases of those not moved are in the way of those moved. */
  drawn: readonly Link[]
  /**
   * What stays put while these concepts move, indexed: kept by the caller from move to move and
   * emptied whenever anything else changes (a render).
   */
  still: StillIndex
  plan: LinkPlan
  linksByConcept: ReadonlyMap<string, readonly Link[]>
  conceptEls: ReadonlyMap<string, CgConcept>
  linkEls: ReadonlyMap<string, CgLink>
  pathEls: ReadonlyMap<string, SVGPathElement>
  /** Whether (x, y) is still well inside the backdrop. */
  insideBackdrop(x: number, y: number): boolean
  /** Whether a concept's box, or a link's geometry, is where elements are drawn (see canvas-cull). */
  drawnAt(box: Box): boolean
  linkDrawnAt(g: CachedGeometry): boolean
  /** Whether a link's phrase is where phrase elements are drawn (a drawn arrow may have none). */
  phraseDrawnAt(g: CachedGeometry): boolean
  /**
   * The map is drawn far out on a canvas (see CanvasFar), its elements hidden: they are not moved
   * (their layout was most of a frame), and a render puts them right once the moves settle.
   */
  far?: boolean
}

/**
 * Moves concepts without re-rendering the map: sets the moved concepts' elements, and the
 * geometry of their links (phrase and arrow), directly. Others dragging concepts send dozens of
 * such changes a second, and diffing thousands of items for each is what made them stutter.
 * Items away from the view (without elements: see canvas-cull) that stay away only get their new
 * boxes and geometries. Returns those, or null when the change needs a full render (something
 * appears or disappears, comes near the view, or an element is not on the page yet).
 */
export function applyMoves(
  t: MoveTarget,
  ids: readonly string[]
): { boxes: Map<string, Box>; geometries: Map<string, CachedGeometry>; still: StillIndex } | null {
  const boxes = new Map(t.boxes)
  for (const id of ids) {
    const c = t.concepts.get(id)!
    const old = t.boxes.get(id)
    if (!old || !t.insideBackdrop(c.x, c.y)) return null
    const box = { x: c.x, y: c.y, w: old.w, h: old.h }
    if (!t.conceptEls.has(id) && t.drawnAt(box)) return null
    boxes.set(id, box)
  }
  const geometries = new Map(t.geometries)
  // The concepts not moved and the phrases of links not redrawn stay where they are, and are taken.
  // A drag moves the same concepts frame after frame: what stays is indexed once for all of them.
  const key = ids.join('\u0000')
  let index: PhraseSpace | null = null
  const space = () => {
    if (index) return index
    if (t.still.key !== key || !t.still.taken) t.still = { key, taken: stillTaken(t, ids) }
    index = new PhraseSpace(t.still.taken)
    for (const id of ids) index.add(boxes.get(id)!)
    return index
  }
  /** The links redrawn, and whether each had a line before. */
  const changed: [Link, boolean][] = []
  for (const id of ids) {
    for (const l of t.linksByConcept.get(id) ?? []) {
      const prev = geometries.get(l.id)
      const next = geometryOf(l, boxes, t.plan, space, prev)
      if (next === prev) continue
      if (!t.pathEls.has(l.id)) {
        if (t.linkDrawnAt(next)) return null
        geometries.set(l.id, next)
        continue
      }
      // An arrow drawn without its phrase: a render once the phrase comes near the view.
      if (!t.linkEls.has(l.id) && t.phraseDrawnAt(next)) return null
      // Every drawn link has a path, empty while its concepts overlap: a line that appears or
      // vanishes as someone drags one concept across another is set here too, without a render.
      if (!prev) return null
      geometries.set(l.id, next)
      changed.push([l, prev.geometry.visible])
    }
  }
  if (t.far) return { boxes, geometries, still: t.still }
  for (const id of ids) {
    const el = t.conceptEls.get(id)
    if (el) el.concept = t.concepts.get(id)!
  }
  for (const [l, had] of changed) {
    const g = geometries.get(l.id)!.geometry
    const phrase = t.linkEls.get(l.id)
    if (phrase) phrase.geometry = g
    if (g.visible || had) t.pathEls.get(l.id)!.setAttribute('d', g.visible ? g.line : '')
  }
  return { boxes, geometries, still: t.still }
}

/** The boxes of the concepts not moved and the phrases of the links not redrawn when `ids` move. */
function stillTaken(t: MoveTarget, ids: readonly string[]): PhraseSpace {
  const moved = new Set(ids)
  const redrawn = new Set<string>()
  for (const id of ids) for (const l of t.linksByConcept.get(id) ?? []) redrawn.add(l.id)
  const still = new Map([...t.boxes].filter(([id]) => !moved.has(id)))
  const kept: (readonly [Link, CachedGeometry])[] = []
  for (const l of t.drawn) {
    const g = t.geometries.get(l.id)
    if (g && !redrawn.has(l.id)) kept.push([l, g])
  }
  return phraseSpace(still, kept, EVERYWHERE)
}

const EVERYWHERE = { minX: -Infinity, minY: -Infinity, maxX: Infinity, maxY: Infinity }

/** Finds the elements of each concept, link and arrow, for moves that skip the render. */
export function indexElements(root: ParentNode): {
  conceptEls: Map<string, CgConcept>
  linkEls: Map<string, CgLink>
  pathEls: Map<string, SVGPathElement>
} {
  const conceptEls = new Map<string, CgConcept>()
  const linkEls = new Map<string, CgLink>()
  const pathEls = new Map<string, SVGPathElement>()
  for (const group of root.querySelector('.map')?.children ?? []) {
    for (const el of group.children) {
      if (el.localName === 'cg-concept') conceptEls.set((el as CgConcept).concept.id, el as CgConcept)
      else if (el.localName === 'cg-link') linkEls.set((el as CgLink).link.id, el as CgLink)
    }
  }
  for (const group of root.querySelector('.edges')?.children ?? []) {
    for (const path of group.children) {
      const id = (path as SVGPathElement).dataset?.link
      if (id) pathEls.set(id, path as SVGPathElement)
    }
  }
  return { conceptEls, linkEls, pathEls }
}

import type { Concept, Link } from '../../shared/schema/board-map'
import type { Box } from '../model/geometry'
import {
  conceptDescriptions,
  deriveBoxes,
  deriveGeometries,
  drawnLinks,
  placeAllLinks,
  grownBackdrop,
  insideBackdrop,
  labelsChanged,
  type CachedGeometry
} from './canvas-derive'
import { linksByConcept, planLinks, type LinkPlan } from './link-layout'
import { applyMoves, indexElements, movedOnly, type StillIndex } from './canvas-fast-move'
import type { Backdrop } from './canvas-layers'
import { boxIn, EVERYWHERE, inArea, linkIn, phraseIn, type Area, type Shown } from './canvas-cull'

/**
 * What the canvas draws, derived from the document snapshots: concept boxes, drawn links and their
 * geometry, the phrases a screen reader hears. Kept incrementally (unchanged entries keep their
 * objects, so their elements skip updating) and, for moves, patched without a render.
 */
export class CanvasModel {
  boxes: ReadonlyMap<string, Box> = new Map()
  drawn: Link[] = []
  plan: LinkPlan = { bends: new Map(), hubOf: new Map() }
  geometries: ReadonlyMap<string, CachedGeometry> = new Map()
  descriptions: Map<string, string> = new Map()
  /**
   * Each item's place in the map's listbox, 1-based: the concepts, then the drawn links, in the
   * document's order. Given to every option (aria-posinset, and the size as aria-setsize), since a
   * large map has elements only for what is near the view.
   */
  positions: ReadonlyMap<string, number> = new Map()
  backdrop: Backdrop = { minX: -4000, minY: -3000, maxX: 4000, maxY: 3000 }
  /** What has elements: the items near the view (see canvas-cull). */
  shown: Shown = { concepts: [], links: [], phrases: [] }
  private area: Area = EVERYWHERE
  private pinned: ReadonlySet<string> = new Set()
  private byConcept: Map<string, Link[]> = new Map()
  private still: StillIndex = { key: '', taken: null }
  private elements: ReturnType<typeof indexElements> = { conceptEls: new Map(), linkEls: new Map(), pathEls: new Map() }
  /** Moves were drawn by the quick path since the last render: the phrases are placed afresh once they stop. */
  private unsettled = false
  private settleTimer: ReturnType<typeof setTimeout> | null = null

  /** `settle`: asks for a render, once moves have stopped, in which every phrase is placed afresh. */
  constructor(private readonly settle: () => void = () => {}) {}

  /** Brings everything up to date with new snapshots; `prev` is the concepts snapshot this replaces. */
  update(
    concepts: ReadonlyMap<string, Concept>,
    links: ReadonlyMap<string, Link>,
    sizes: ReadonlyMap<string, { w: number; h: number }>,
    changed: { concepts: boolean; links: boolean; sizes: boolean; prev: ReadonlyMap<string, Concept> | undefined }
  ): void {
    if (changed.concepts || changed.sizes) this.boxes = deriveBoxes(concepts, sizes, this.boxes)
    let placeAll = this.unsettled
    if (changed.links || changed.concepts) {
      const before = this.drawn
      this.drawn = drawnLinks(links, concepts)
      const linkSetChanged = before.length !== this.drawn.length || before.some((l, i) => l !== this.drawn[i])
      if (linkSetChanged) {
        placeAll = true
        this.plan = planLinks(this.drawn)
        this.byConcept = linksByConcept(this.drawn, this.plan)
      }
      if (linkSetChanged || !changed.prev || labelsChanged(changed.prev, concepts)) {
        this.descriptions = conceptDescriptions(concepts, this.drawn)
      }
      if (linkSetChanged || changed.concepts) this.positions = listPositions(concepts, this.drawn)
    }
    // Links added, removed or relabelled: every phrase placed afresh, in the same order on every
    // client. Concepts moved or measured: only their links, quickly, until the moves stop.
    if (placeAll) {
      this.geometries = placeAllLinks(this.drawn, this.boxes, this.plan, this.geometries)
      this.unsettled = false
    } else if (changed.links || changed.concepts || changed.sizes) {
      this.geometries = deriveGeometries(this.drawn, this.boxes, this.plan, this.geometries)
      this.scheduleSettle()
    }
    if (changed.concepts) this.backdrop = grownBackdrop(this.backdrop, concepts)
    // What stood still during the last moves may not any more (a selection or marks change nothing).
    if (changed.concepts || changed.links || changed.sizes || placeAll) this.still = { key: '', taken: null }
  }

  /** Chooses what to draw: the items in `area`, and the pinned ones wherever they are. */
  cull(concepts: ReadonlyMap<string, Concept>, area: Area, pinned: ReadonlySet<string>): void {
    this.area = area
    this.pinned = pinned
    const before = new Set<string>()
    for (const c of this.shown.concepts) before.add(c.id)
    for (const l of this.shown.links) before.add(l.id)
    const phrasesBefore = new Set(this.shown.phrases.map((l) => l.id))
    this.shown = inArea(area, concepts, this.drawn, this.boxes, this.geometries, pinned, before, phrasesBefore)
  }

  /**
   * Applies a change that only moved concepts straight to their elements (see applyMoves).
   * Returns false when it needs a render instead.
   */
  tryMove(prev: ReadonlyMap<string, Concept> | undefined, concepts: ReadonlyMap<string, Concept>, far = false): boolean {
    const moved = movedOnly(prev, concepts)
    if (!moved) return false
    const result = applyMoves(
      {
        ...this.elements,
        concepts,
        boxes: this.boxes,
        geometries: this.geometries,
        drawn: this.drawn,
        still: this.still,
        plan: this.plan,
        linksByConcept: this.byConcept,
        insideBackdrop: (x, y) => insideBackdrop(this.backdrop, x, y),
        drawnAt: (b) => boxIn(b, this.area),
        linkDrawnAt: (g) => linkIn(g, this.area),
        phraseDrawnAt: (g) => phraseIn(g, this.area),
        far
      },
      moved
    )
    if (!result) return false
    this.still = result.still
    this.boxes = result.boxes
    this.geometries = result.geometries
    this.scheduleSettle()
    return true
  }

  /**
   * The quick paths place only the moved links' phrases, around the others where they stand: once
   * the moves stop, all are placed afresh, as every other client places them (see placeAllLinks).
   */
  private scheduleSettle(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer)
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null
      this.unsettled = true
      this.settle()
    }, SETTLE_MS)
  }

  /** Re-finds the rendered elements after a render that added or removed some. */
  index(root: ParentNode): void {
    this.elements = indexElements(root)
  }
}

/** How long after the last move the phrases are placed afresh: after a drag, not during it. */
const SETTLE_MS = 300

/** Listbox positions: concepts first, then links (see CanvasModel.positions). */
function listPositions(concepts: ReadonlyMap<string, Concept>, drawn: readonly Link[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const id of concepts.keys()) out.set(id, out.size + 1)
  for (const l of drawn) out.set(l.id, out.size + 1)
  return out
}

import type { MetricsLink, MetricsMap } from '../../shared/metrics'
import type { MapChange } from '../../shared/schema/map-change'

const CONCEPT_SET = 0
const CONCEPT_GONE = 1
const LINK_SET = 2
const LINK_GONE = 3

/** Materialised maps kept for the moments asked most recently (T, t1 and the cut of a few profiles). */
const MEMO = 8
/** Cursors replaying the changes: one per moment a profile reads, so a sweep never starts over. */
const CURSORS = 4

interface Cursor {
  /** Changes applied: [0, pos). */
  pos: number
  concepts: Map<string, { id: string }>
  links: Map<string, MetricsLink>
  used: number
}

/**
 * A board's map as the metrics read it (concept ids, link ids and endpoints: MetricsMap) at any
 * moment, from memory: the structural part of every derived-history record's changes, kept as the
 * records arrive. A relabel or a move changes no skeleton, so a long board keeps a fraction of its
 * changes. Records must come in seq order with non-decreasing times (the caller checks); the map at
 * t is then the one after every change at or before t, which is what `seekMap` reads from the
 * derived history's keyframes and records, without reading a file.
 */
export class MapSkeletons {
  private readonly at: number[] = []
  private readonly kind: number[] = []
  private readonly id: string[] = []
  private readonly link: Array<MetricsLink | null> = []
  /** The newest state, to tell structural changes from the rest. */
  private readonly concepts = new Set<string>()
  private readonly links = new Map<string, MetricsLink>()
  private readonly cursors: Cursor[] = []
  private readonly memo = new Map<number, MetricsMap>()
  private uses = 0

  /** Structural changes kept (what the memory holds). */
  get size(): number {
    return this.at.length
  }

  add(at: number, changes: readonly MapChange[]): void {
    for (const c of changes) {
      if (c.type === 'concept') {
        if (c.value === null) {
          if (!this.concepts.delete(c.id)) continue
          this.push(at, CONCEPT_GONE, c.id, null)
        } else {
          if (this.concepts.has(c.id)) continue
          this.concepts.add(c.id)
          this.push(at, CONCEPT_SET, c.id, null)
        }
      } else if (c.type === 'link') {
        if (c.value === null) {
          if (!this.links.delete(c.id)) continue
          this.push(at, LINK_GONE, c.id, null)
        } else {
          const now = this.links.get(c.id)
          if (now !== undefined && now.from === c.value.from && now.to === c.value.to) continue
          const link: MetricsLink = { id: c.id, from: c.value.from, to: c.value.to }
          this.links.set(c.id, link)
          this.push(at, LINK_SET, c.id, link)
        }
      }
    }
  }

  /** How many structural changes the map at t has had: equal positions, equal maps. */
  positionAt(t: number): number {
    return this.upperBound(t)
  }

  /** The map after every change at or before t. */
  mapAt(t: number): MetricsMap {
    const pos = this.upperBound(t)
    let map = this.memo.get(pos)
    if (map === undefined) {
      const cursor = this.cursorFor(pos)
      const links = [...cursor.links.values()]
      // P from the cursor's own index of concepts, where `propositions` would build one.
      const propositions = links.filter((l) => cursor.concepts.has(l.from) && cursor.concepts.has(l.to))
      map = { concepts: [...cursor.concepts.values()], links, propositions }
      if (this.memo.size >= MEMO) this.memo.delete(this.memo.keys().next().value as number)
      this.memo.set(pos, map)
    }
    return map
  }

  private push(at: number, kind: number, id: string, link: MetricsLink | null): void {
    this.at.push(at)
    this.kind.push(kind)
    this.id.push(id)
    this.link.push(link)
  }

  /** Changes with at ≤ t: a prefix, times being non-decreasing. */
  private upperBound(t: number): number {
    let lo = 0
    let hi = this.at.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.at[mid] as number) <= t) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** The cursor furthest along without passing `pos` (or the least recently used, started over), moved to `pos`. */
  private cursorFor(pos: number): Cursor {
    let best: Cursor | null = null
    for (const c of this.cursors) if (c.pos <= pos && (best === null || c.pos > best.pos)) best = c
    if (best === null) {
      if (this.cursors.length < CURSORS) {
        best = { pos: 0, concepts: new Map(), links: new Map(), used: 0 }
        this.cursors.push(best)
      } else {
        best = this.cursors.reduce((a, b) => (a.used <= b.used ? a : b))
        best.pos = 0
        best.concepts.clear()
        best.links.clear()
      }
    }
    for (let i = best.pos; i < pos; i++) {
      const id = this.id[i] as string
      switch (this.kind[i]) {
        case CONCEPT_SET:
          best.concepts.set(id, { id })
          break
        case CONCEPT_GONE:
          best.concepts.delete(id)
          break
        case LINK_SET:
          best.links.set(id, this.link[i] as MetricsLink)
          break
        default:
          best.links.delete(id)
      }
    }
    best.pos = pos
    best.used = ++this.uses
    return best
  }
}

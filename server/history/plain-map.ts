import type { BoardMap, Concept, Link } from '../../shared/schema/board-map'
import type { MapChange } from '../../shared/schema/map-change'

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** A board map that derived changes are applied to, read out exactly as `readBoardMap` orders it. */
export class PlainMap {
  title = ''
  focusQuestion = ''
  readonly concepts = new Map<string, Concept>()
  readonly links = new Map<string, Link>()

  static from(map: BoardMap): PlainMap {
    const m = new PlainMap()
    m.title = map.title
    m.focusQuestion = map.focusQuestion
    for (const c of map.concepts) m.concepts.set(c.id, c)
    for (const l of map.links) m.links.set(l.id, l)
    return m
  }

  /** Elements held: what a keyframe costs to read, against what the changes after it cost. */
  get size(): number {
    return this.concepts.size + this.links.size
  }

  apply(changes: readonly MapChange[]): void {
    for (const c of changes) {
      if (c.type === 'concept') {
        if (c.value === null) this.concepts.delete(c.id)
        else this.concepts.set(c.id, c.value)
      } else if (c.type === 'link') {
        if (c.value === null) this.links.delete(c.id)
        else this.links.set(c.id, c.value)
      } else if (c.key === 'title') this.title = c.value
      else this.focusQuestion = c.value
    }
  }

  toBoardMap(): BoardMap {
    return {
      title: this.title,
      focusQuestion: this.focusQuestion,
      concepts: [...this.concepts.values()].sort(byId),
      links: [...this.links.values()].sort(byId)
    }
  }
}

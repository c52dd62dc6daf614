import * as Y from 'yjs'
import { boardTypes } from '../../shared/schema/board-doc'
import type { BoardMap } from '../../shared/schema/board-map'
import { emptyReport } from '../../shared/exchange/import-common'
import { keepOriginsWithItems } from '../../shared/exchange/stream-origins'
import { streamMap } from '../../shared/stream/stream-doc'
import { randomId } from './ids'

/** Transaction meta key: this change continues the previous one (a drag), so one undo step. */
export const CONTINUOUS = 'cg:continuous'

/** Labels are capped so a pasted essay cannot bloat the shared document. */
export const MAX_LABEL_LENGTH = 500

/** The concept fields that are its look, copied with it and set by restyle. */
const STYLE_KEYS = ['w', 'h', 'color', 'textColor', 'shape'] as const

const cleanLabel = (label: string): string => label.replace(/\s+/g, ' ').trim().slice(0, MAX_LABEL_LENGTH)

/**
 * Every change this participant makes to the map. Each is one transaction tagged with the local
 * origin: that tag is what lets the undo manager take back this participant's changes and no one
 * else's.
 */
export class BoardOps {
  constructor(
    private readonly doc: Y.Doc,
    private readonly origin: object
  ) {}

  private get types() {
    return boardTypes(this.doc)
  }

  /** Creates a concept, optionally linked from an existing one in the same step (one undo). */
  createConcept(
    label: string,
    x: number,
    y: number,
    link?: { from: string; label: string }
  ): { id: string; linkId: string | null } {
    const id = randomId()
    let linkId: string | null = null
    this.doc.transact(() => {
      const c = new Y.Map<unknown>()
      c.set('label', cleanLabel(label))
      c.set('x', Math.round(x))
      c.set('y', Math.round(y))
      this.types.concepts.set(id, c)
      if (link) linkId = this.addLink(link.from, id, link.label)
    }, this.origin)
    return { id, linkId }
  }

  /** Creates a concept from a stream item: it records the item as its `origin` (one undo step). */
  createConceptFromStream(label: string, x: number, y: number, origin: string): string {
    const id = randomId()
    this.doc.transact(() => {
      const c = new Y.Map<unknown>()
      c.set('label', cleanLabel(label))
      c.set('x', Math.round(x))
      c.set('y', Math.round(y))
      c.set('origin', origin)
      this.types.concepts.set(id, c)
    }, this.origin)
    return id
  }

  setLabel(id: string, label: string): void {
    this.setLabels([id], label)
  }

  /** Gives every one of these concepts or links the same label, in one step (one undo). */
  setLabels(ids: readonly string[], label: string): void {
    const clean = cleanLabel(label)
    const targets = ids
      .map((id) => this.types.concepts.get(id) ?? this.types.links.get(id))
      .filter((t): t is Y.Map<unknown> => t instanceof Y.Map && t.get('label') !== clean)
    if (!targets.length) return
    this.doc.transact(() => { for (const t of targets) t.set('label', clean) }, this.origin)
  }

  /**
   * Moves concepts to new centres; ids that are gone (deleted by someone meanwhile) are skipped.
   * `continuous` marks the frames of a drag, which the undo history merges into one step.
   */
  moveConcepts(positions: ReadonlyMap<string, { x: number; y: number }>, continuous = false): void {
    const { concepts } = this.types
    this.doc.transact((tr) => {
      if (continuous) tr.meta.set(CONTINUOUS, true)
      for (const [id, p] of positions) {
        const c = concepts.get(id)
        if (!(c instanceof Y.Map)) continue
        const x = Math.round(p.x)
        const y = Math.round(p.y)
        if (c.get('x') !== x) c.set('x', x)
        if (c.get('y') !== y) c.set('y', y)
      }
    }, this.origin)
  }

  /** Deletes concepts and links; a deleted concept takes its links with it, in the same transaction. */
  deleteItems(ids: Iterable<string>): void {
    const { concepts, links } = this.types
    const doomed = new Set(ids)
    this.doc.transact(() => {
      const goneConcepts = new Set<string>()
      for (const id of doomed) {
        if (concepts.has(id)) {
          concepts.delete(id)
          goneConcepts.add(id)
        }
      }
      for (const [id, l] of [...links.entries()]) {
        const touches =
          l instanceof Y.Map && (goneConcepts.has(l.get('from') as string) || goneConcepts.has(l.get('to') as string))
        if (doomed.has(id) || touches) links.delete(id)
      }
    }, this.origin)
  }

  createLink(from: string, to: string, label: string): string | null {
    let id: string | null = null
    this.doc.transact(() => {
      id = this.addLink(from, to, label)
    }, this.origin)
    return id
  }

  /**
   * Adds a copy of `map`'s concepts (moved by dx, dy) and of the links among them, under new ids,
   * in one step (one undo). Returns the new concepts' ids. A concept keeps its `origin` only when
   * that item is in this board's stream: one copied from another board would show a "from the
   * customer voice" badge with no card behind it.
   */
  addCopy(map: BoardMap, dx: number, dy: number): string[] {
    const { concepts, links } = this.types
    const ids = new Map<string, string>()
    // Nobody is told how many were dropped: the copy simply is not marked as from the stream.
    const copied = keepOriginsWithItems(map, new Set(streamMap(this.doc).keys()), emptyReport().repaired)
    this.doc.transact(() => {
      for (const c of copied.concepts) {
        const id = randomId()
        ids.set(c.id, id)
        const y = new Y.Map<unknown>()
        y.set('label', cleanLabel(c.label))
        y.set('x', Math.round(c.x + dx))
        y.set('y', Math.round(c.y + dy))
        for (const key of STYLE_KEYS) if (c[key] !== undefined) y.set(key, c[key])
        if (c.origin !== undefined) y.set('origin', c.origin)
        concepts.set(id, y)
      }
      for (const l of copied.links) {
        const from = ids.get(l.from)
        const to = ids.get(l.to)
        if (!from || !to || from === to) continue
        const y = new Y.Map<unknown>()
        y.set('from', from)
        y.set('to', to)
        y.set('label', cleanLabel(l.label))
        links.set(randomId(), y)
      }
    }, this.origin)
    return [...ids.values()]
  }

  /** Sets fill, text colour or shape of concepts in one step; `null` removes a field (the default look). */
  restyle(ids: Iterable<string>, style: Partial<Record<'color' | 'textColor' | 'shape', string | null>>): void {
    const { concepts } = this.types
    this.doc.transact(() => {
      for (const id of ids) {
        const c = concepts.get(id)
        if (!(c instanceof Y.Map)) continue
        for (const [key, value] of Object.entries(style)) {
          if (value === null) { if (c.has(key)) c.delete(key) }
          else if (value !== undefined && c.get(key) !== value) c.set(key, value)
        }
      }
    }, this.origin)
  }

  setFocusQuestion(text: string): void {
    this.doc.transact(() => this.types.meta.set('focusQuestion', cleanLabel(text)), this.origin)
  }

  private addLink(from: string, to: string, label: string): string | null {
    const { concepts, links } = this.types
    if (from === to || !concepts.has(from) || !concepts.has(to)) return null
    const id = randomId()
    const l = new Y.Map<unknown>()
    l.set('from', from)
    l.set('to', to)
    l.set('label', cleanLabel(label))
    links.set(id, l)
    return id
  }
}

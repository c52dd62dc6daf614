import * as Y from 'yjs'
import { deriveElementEvents } from '../../shared/events/derive-element-events'
import { ELEMENT_EVENT_KINDS, compareWithinUpdate, type ElementEvent } from '../../shared/events/element-event'
import { readConcept, readLink, readText } from '../../shared/schema/board-doc'
import type { MapChange } from '../../shared/schema/map-change'

/** What one accepted journal entry did, in plain data: its element events and the map values it set. */
export interface AcceptedChanges {
  events: ElementEvent[]
  changes: MapChange[]
}

export const NO_CHANGES: AcceptedChanges = Object.freeze({ events: [], changes: [] }) as AcceptedChanges

type AnyType = Y.AbstractType<unknown>
const META_KEYS = new Set(['title', 'focusQuestion'])

/**
 * Collects, transaction by transaction, the element events (shared/events) and which elements and
 * meta fields were touched; `take` then reads the touched values once, from the document of the
 * last transaction seen (a room's document may be replaced by a rebuilt one). Cheap on the hot path:
 * the work is proportional to what the update changed, never to the board.
 */
export class ChangeCollector {
  private events: ElementEvent[] = []
  private transactions = 0
  private readonly concepts = new Set<string>()
  private readonly links = new Set<string>()
  private readonly meta = new Set<'title' | 'focusQuestion'>()
  private doc: Y.Doc | null = null

  /** For `doc.on('afterTransaction')`: deleted values are still readable there. */
  readonly observe = (transaction: Y.Transaction): void => {
    if (transaction.changed.size === 0) return
    this.transactions++
    this.doc = transaction.doc
    const found = deriveElementEvents(transaction)
    for (const e of found) this.events.push(e)
    const share = transaction.doc.share
    const conceptsRoot = share.get('concepts')
    const linksRoot = share.get('links')
    const metaRoot = share.get('meta')
    for (const [type, keys] of transaction.changed) {
      if (type === conceptsRoot || type === linksRoot) {
        const into = type === conceptsRoot ? this.concepts : this.links
        for (const key of keys) if (key !== null) into.add(key)
        continue
      }
      if (type === metaRoot) {
        for (const key of keys) if (key !== null && META_KEYS.has(key)) this.meta.add(key as 'title' | 'focusQuestion')
        continue
      }
      // A change inside an element (a field, or deeper): walk up to the element under its root.
      let child: AnyType = type as AnyType
      for (;;) {
        const item = child._item
        if (item === null) break
        const parent = item.parent
        if (!(parent instanceof Y.AbstractType)) break
        if (parent === conceptsRoot || parent === linksRoot) {
          if (item.parentSub !== null) (parent === conceptsRoot ? this.concepts : this.links).add(item.parentSub)
          break
        }
        child = parent as AnyType
      }
    }
  }

  /** Forgets what was collected (before applying a new update). */
  reset(): void {
    this.events = []
    this.transactions = 0
    this.concepts.clear()
    this.links.clear()
    this.meta.clear()
    this.doc = null
  }

  /** The changes collected since `reset`, with the touched values as the document holds them now. */
  take(): AcceptedChanges {
    const events = this.transactions > 1 ? mergeEvents(this.events) : this.events
    const changes: MapChange[] = []
    if (this.doc && this.concepts.size + this.links.size + this.meta.size > 0) {
      const share = this.doc.share
      const concepts = share.get('concepts') as Y.Map<unknown> | undefined
      const links = share.get('links') as Y.Map<unknown> | undefined
      const meta = share.get('meta') as Y.Map<unknown> | undefined
      for (const id of this.concepts) changes.push({ type: 'concept', id, value: readConcept(id, concepts?.get(id)) })
      for (const id of this.links) changes.push({ type: 'link', id, value: readLink(id, links?.get(id)) })
      for (const key of this.meta) changes.push({ type: 'meta', key, value: readText(meta?.get(key)) })
    }
    const taken = { events, changes }
    this.reset()
    return taken
  }
}

/**
 * Several transactions made one journal entry (a server change may run more than one): one event
 * per element, the kind chosen by the priority of metrics.md, endpoints from the last event that had them.
 */
function mergeEvents(events: ElementEvent[]): ElementEvent[] {
  const byElement = new Map<string, ElementEvent>()
  for (const e of events) {
    const k = `${e.elementType}\u0000${e.elementId}`
    const seen = byElement.get(k)
    if (!seen) {
      byElement.set(k, { ...e })
      continue
    }
    if (ELEMENT_EVENT_KINDS.indexOf(e.kind) < ELEMENT_EVENT_KINDS.indexOf(seen.kind)) seen.kind = e.kind
    if (e.from !== undefined) seen.from = e.from
    if (e.to !== undefined) seen.to = e.to
  }
  return [...byElement.values()].sort(compareWithinUpdate)
}

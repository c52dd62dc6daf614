import * as Y from 'yjs'
import type { ElementEvent, ElementEventKind, ElementType } from './element-event'
import { compareWithinUpdate } from './element-event'
import { kindForFields, sameFieldValue } from './field-kind'
import { TransactionProbe, itemValue } from './transaction-probe'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type: only any fits all
type AnyType = Y.AbstractType<any>

/** The contract's element maps and the element type their values are. */
const ELEMENT_ROOTS: ReadonlyArray<readonly [string, ElementType]> = [
  ['concepts', 'concept'],
  ['links', 'link']
]

interface Touched {
  elementType: ElementType
  elementId: string
  root: AnyType
  /** Set when the key itself changed: a Y.Map appeared (or replaced another) or disappeared. */
  keyKind: 'create' | 'delete' | null
  fields: Set<string>
}

/**
 * The element-level events of one transaction (metrics.md "Events" and "Precise rules"): at most
 * one per element, its kind by create > delete > reconnect > relabel > restyle > move, sorted by
 * element id (code-unit order; a concept before a link with the same id).
 *
 * Works from `transaction.changed` (each directly modified type with the keys it changed), which
 * Yjs fills for remote updates (`Y.applyUpdate`, including merged updates that carry several
 * client transactions) as for local ones. Call it from `doc.on('afterTransaction', ...)` or an
 * observer: before cleanup finishes, values deleted by the transaction are still readable.
 *
 * Only elements are considered: a Y.Map under a key of `concepts` or `links`. A key appearing
 * with a Y.Map, or whose Y.Map was replaced by another with different fields, is a `create` (the
 * element's history restarts); one replaced by a copy of itself gives nothing; a Y.Map key removed (or overwritten with a non-map value) is a `delete`; a key
 * created and removed inside the transaction gives nothing. Nested types created in the
 * transaction are not in `changed` (Yjs leaves them out), which is why a concept created together
 * with its label is one `create`. A change deep inside a field (e.g. editing a Y.Text stored
 * under `label`) counts as a change of that field.
 */
export function deriveElementEvents(transaction: Y.Transaction): ElementEvent[] {
  const roots = new Map<AnyType, ElementType>()
  for (const [name, elementType] of ELEMENT_ROOTS) {
    // `share.get`, not `getMap`: no side effect on the document while Yjs is cleaning up.
    const root = transaction.doc.share.get(name)
    if (root !== undefined) roots.set(root, elementType)
  }
  if (roots.size === 0) return []
  const probe = new TransactionProbe(transaction)
  const touched = new Map<string, Touched>()
  const touch = (root: AnyType, elementType: ElementType, elementId: string): Touched => {
    const k = `${elementType}\u0000${elementId}`
    let t = touched.get(k)
    if (t === undefined) {
      t = { elementType, elementId, root, keyKind: null, fields: new Set() }
      touched.set(k, t)
    }
    return t
  }

  for (const [type, keys] of transaction.changed) {
    const rootType = roots.get(type)
    if (rootType !== undefined) {
      for (const key of keys) {
        if (key === null) continue
        const keyKind = keyChange(probe, type, key)
        if (keyKind !== null) touch(type, rootType, key).keyKind = keyKind
      }
      continue
    }
    const found = findElement(type, roots)
    if (found === null) continue
    const { root, elementType, elementId, element, field } = found
    // Field changes matter only on an element that is the same Y.Map before and after; otherwise
    // the key change (create/delete) above already describes the element.
    const before = probe.itemBefore(root, elementId)
    if (before === null || before !== probe.itemAfter(root, elementId) || itemValue(before) !== element) continue
    if (field !== null) {
      touch(root, elementType, elementId).fields.add(field)
      continue
    }
    for (const key of keys) {
      if (key === null) continue
      const was = itemValue(probe.itemBefore(type, key))
      const is = itemValue(probe.itemAfter(type, key))
      if (!sameFieldValue(was, is)) touch(root, elementType, elementId).fields.add(key)
    }
  }

  const events: ElementEvent[] = []
  for (const t of touched.values()) {
    const kind: ElementEventKind | null = t.keyKind ?? kindForFields(t.elementType, t.fields)
    if (kind === null) continue
    const event: ElementEvent = { kind, elementType: t.elementType, elementId: t.elementId }
    if (t.elementType === 'link' && (kind === 'create' || kind === 'reconnect')) {
      const link = itemValue(probe.itemAfter(t.root, t.elementId))
      if (link instanceof Y.Map) {
        const from: unknown = link.get('from')
        const to: unknown = link.get('to')
        if (typeof from === 'string') event.from = from
        if (typeof to === 'string') event.to = to
      }
    }
    events.push(event)
  }
  return events.sort(compareWithinUpdate)
}

/** create / delete / nothing for a changed key of an element root. */
function keyChange(probe: TransactionProbe, root: AnyType, key: string): 'create' | 'delete' | null {
  const before = probe.itemBefore(root, key)
  const after = probe.itemAfter(root, key)
  const was = itemValue(before)
  const is = itemValue(after)
  const wasElement = was instanceof Y.Map
  const isElement = is instanceof Y.Map
  if (isElement && !wasElement) return 'create'
  if (isElement && before !== after && !sameElement(probe, was as AnyType, is)) return 'create'
  if (wasElement && !isElement) return 'delete'
  return null
}

/**
 * Whether an element replaced inside the transaction holds exactly the fields it held before: the
 * key was given back what it had (e.g. the server removing the effect of a refused delete, which
 * can only bring an element back as a copy), so nothing happened to it.
 */
function sameElement(probe: TransactionProbe, was: AnyType, is: AnyType): boolean {
  let fields = 0
  for (const key of was._map.keys()) {
    const before = probe.itemBefore(was, key)
    if (before === null) continue
    fields++
    const after = probe.itemAfter(is, key)
    if (after === null || !sameFieldValue(itemValue(before), itemValue(after))) return false
  }
  let now = 0
  for (const item of is._map.values()) if (!item.deleted) now++
  return now === fields
}

interface FoundElement {
  root: AnyType
  elementType: ElementType
  elementId: string
  element: AnyType
  /** The element's field the change sits under, or null when `type` is the element itself. */
  field: string | null
}

/** Walks up from a changed type to the element (a direct child of an element root) holding it. */
function findElement(type: AnyType, roots: ReadonlyMap<AnyType, ElementType>): FoundElement | null {
  let child = type
  let field: string | null = null
  for (;;) {
    const item = child._item
    if (item === null) return null // some other top-level type
    const parent = item.parent
    if (!(parent instanceof Y.AbstractType)) return null
    const elementType = roots.get(parent)
    if (elementType !== undefined) {
      if (item.parentSub === null || !(child instanceof Y.Map)) return null
      return { root: parent, elementType, elementId: item.parentSub, element: child, field }
    }
    field = item.parentSub
    child = parent
  }
}

import * as Y from 'yjs'
import { equalityDeep } from 'lib0/function'
import type { ElementEventKind, ElementType } from './element-event'

/** Fields whose change alone is a `move` (geometry, never content). */
const GEOMETRY_FIELDS: ReadonlySet<string> = new Set(['x', 'y', 'w', 'h'])

/**
 * The kind of an update that changed only fields of an element that existed before and after it,
 * by the priority reconnect > relabel > restyle > move. `from`/`to` reconnect only links: on a
 * concept they are "any other field", hence a restyle.
 */
export function kindForFields(elementType: ElementType, fields: ReadonlySet<string>): ElementEventKind | null {
  if (fields.size === 0) return null
  if (elementType === 'link' && (fields.has('from') || fields.has('to'))) return 'reconnect'
  if (fields.has('label')) return 'relabel'
  for (const f of fields) if (!GEOMETRY_FIELDS.has(f)) return 'restyle'
  return 'move'
}

/**
 * Whether a field's value is the same before and after the update: writing back the value a field
 * already had (clients often re-set a label or position) changes nothing in the map, so it is no
 * event. Shared types compare by identity: a new Y.Text under `label` is a change.
 */
export function sameFieldValue(before: unknown, after: unknown): boolean {
  if (before instanceof Y.AbstractType || after instanceof Y.AbstractType) return before === after
  if (typeof before === 'number' && typeof after === 'number') return Object.is(before, after) || before === after
  return equalityDeep(before, after)
}

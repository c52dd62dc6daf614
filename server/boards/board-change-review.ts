import * as Y from 'yjs'
import { itemValue } from '../../shared/events/transaction-probe'
import type { Role } from '../../shared/roles'
import {
  CONCEPT_FIELDS,
  CONCEPT_REQUIRED,
  CONTENT_LIMITS,
  ELEMENT_ID,
  LINK_FIELDS,
  LINK_REQUIRED,
  META_FIELDS,
  fieldProblem,
  type FieldCheck
} from '../../shared/schema/element-fields'
import type { UpdateRefusal } from '../../shared/sync/refusal-reasons'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type: only any fits all
type AnyType = Y.AbstractType<any>

interface ElementRules {
  fields: Readonly<Record<string, FieldCheck>>
  required: readonly string[]
  /** Elements a board may hold under this root. */
  max: number
}

const CONCEPT_RULES: ElementRules = { fields: CONCEPT_FIELDS, required: CONCEPT_REQUIRED, max: CONTENT_LIMITS.maxConcepts }
const LINK_RULES: ElementRules = { fields: LINK_FIELDS, required: LINK_REQUIRED, max: CONTENT_LIMITS.maxLinks }

/** The board document's top-level types (contract "The board document"). */
interface Roots {
  concepts: AnyType | undefined
  links: AnyType | undefined
  meta: AnyType | undefined
  stream: AnyType | undefined
}

/**
 * Why a writer's transaction breaks the board document's rules, or null if it keeps them: only
 * facilitators write `meta` (title and focus question), nobody but the server writes `stream`, no
 * other top-level type exists, every entry of `concepts` and `links` is a Y.Map holding only the
 * fields of shared/schema/element-fields.ts with values in their bounds, and a board holds at most
 * CONTENT_LIMITS' number of each. The whole transaction is judged: one broken rule refuses all of it.
 *
 * Runs on every accepted update, so it reads only what Yjs says the transaction changed
 * (`transaction.changed`: each modified type with its keys; a type created in the transaction is
 * not in it, and is checked whole through the key that holds it). Call it from `afterTransaction`.
 */
export function reviewBoardChange(transaction: Y.Transaction, role: Role): UpdateRefusal | null {
  const share = transaction.doc.share
  const roots: Roots = { concepts: share.get('concepts'), links: share.get('links'), meta: share.get('meta'), stream: share.get('stream') }
  const grown = new Set<AnyType>()
  for (const [type, keys] of transaction.changed) {
    const refusal =
      type._item === null ? rootChange(transaction, roots, type as AnyType, keys, role, grown) : nestedChange(roots, type as AnyType, keys, role)
    if (refusal !== null) return refusal
  }
  for (const root of grown) if (overLimit(root, rulesOf(roots, root)!.max)) return 'limit'
  return null
}

/** A key of a top-level type changed. */
function rootChange(
  transaction: Y.Transaction,
  roots: Roots,
  root: AnyType,
  keys: Set<string | null>,
  role: Role,
  grown: Set<AnyType>
): UpdateRefusal | null {
  if (root === roots.stream) return 'stream-server-only'
  if (root === roots.meta) {
    if (role !== 'facilitator') return 'meta-facilitator-only'
    for (const key of keys) {
      // Title and focus question are always there: changed, never removed.
      if (key === null || fieldProblem(META_FIELDS, key, currentValue(root, key)) !== null) return 'shape'
    }
    return null
  }
  const rules = rulesOf(roots, root)
  if (rules === null) return 'shape'
  for (const key of keys) {
    if (key === null) return 'shape'
    const item = root._map.get(key)
    // Removed (a delete is always allowed), or unchanged (a concurrent set that lost to what is there).
    if (item === undefined || item.deleted || existedBefore(transaction, item)) continue
    const element = itemValue(item)
    if (!ELEMENT_ID.test(key) || !(element instanceof Y.Map) || elementProblem(element, rules)) return 'shape'
    grown.add(root)
  }
  return null
}

/** Something inside a top-level type changed: only the fields of an existing element may. */
function nestedChange(roots: Roots, type: AnyType, keys: Set<string | null>, role: Role): UpdateRefusal | null {
  let element = type
  let parent = type._item!.parent as AnyType
  while (parent._item !== null) {
    element = parent
    parent = parent._item.parent as AnyType
  }
  if (parent === roots.stream) return 'stream-server-only'
  if (parent === roots.meta && role !== 'facilitator') return 'meta-facilitator-only'
  const rules = rulesOf(roots, parent)
  // Shared types nested inside an entry (or meta) are no part of the schema.
  if (rules === null || element !== type || !(type instanceof Y.Map)) return 'shape'
  for (const key of keys) {
    if (key === null) return 'shape'
    const value = currentValue(type, key)
    if (value === undefined ? rules.required.includes(key) : fieldProblem(rules.fields, key, value) !== null) return 'shape'
  }
  return null
}

function rulesOf(roots: Roots, root: AnyType): ElementRules | null {
  if (root === roots.concepts) return CONCEPT_RULES
  if (root === roots.links) return LINK_RULES
  return null
}

/** Why a new element may not be: a field that is unknown, out of bounds or a shared type, or a required one missing. */
function elementProblem(element: Y.Map<unknown>, rules: ElementRules): boolean {
  let required = 0
  for (const [key, item] of element._map) {
    if (item.deleted) continue
    if (fieldProblem(rules.fields, key, itemValue(item)) !== null) return true
    if (rules.required.includes(key)) required++
  }
  return required !== rules.required.length
}

/**
 * Whether a top-level map holds more than `max` entries. Its key table also keeps removed keys, so
 * its size is an upper bound that settles the common case without reading the entries.
 */
function overLimit(root: AnyType, max: number): boolean {
  if (root._map.size <= max) return false
  let count = 0
  for (const item of root._map.values()) if (!item.deleted) count++
  return count > max
}

function existedBefore(transaction: Y.Transaction, item: Y.Item): boolean {
  return item.id.clock < (transaction.beforeState.get(item.id.client) ?? 0)
}

/** What `key` of a map-like type holds now (undefined when absent). */
function currentValue(type: AnyType, key: string): unknown {
  const item = type._map.get(key)
  return item === undefined || item.deleted ? undefined : itemValue(item)
}

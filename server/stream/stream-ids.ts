import { createHash } from 'node:crypto'

/**
 * A stream item's id from its identity (text, source and url): identical items get the same id, so
 * an upload that repeats an item finds it already present. 120 bits of SHA-256: collisions between
 * distinct items are not a concern at a few thousand items.
 */
export function streamItemId(key: string): string {
  return `s${createHash('sha256').update(key).digest('base64url').slice(0, 20)}`
}

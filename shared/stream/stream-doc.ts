import * as Y from 'yjs'
import { itemKey, STREAM_LIMITS, StreamError, type StreamItem } from './stream-item'

/** The board document's stream: item id → `Y.Map {text, author?, source?, at?, url?}`. */
export function streamMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>('stream')
}

export interface StreamEntry extends StreamItem {
  id: string
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined)

/** Reads one stream entry, tolerating anything: only the server writes the map, but old documents exist. */
export function readStreamEntry(id: string, value: unknown): StreamEntry | null {
  if (!(value instanceof Y.Map)) return null
  const text = str(value.get('text'))
  if (text === undefined) return null
  const entry: StreamEntry = { id, text }
  for (const key of ['author', 'source', 'at', 'url'] as const) {
    const v = str(value.get(key))
    if (v !== undefined) entry[key] = v
  }
  return entry
}

/** The stream as plain entries, in the map's order. */
export function readStream(doc: Y.Doc): StreamEntry[] {
  const out: StreamEntry[] = []
  streamMap(doc).forEach((value, id) => {
    const entry = readStreamEntry(id, value)
    if (entry) out.push(entry)
  })
  return out
}

export interface StreamAddResult {
  added: number
  /** Items already present (in the stream or earlier in the same file). */
  duplicates: number
  total: number
}

/**
 * Adds items to the document's stream in one transaction. `idOf` must give identical items (same
 * text, source and url) the same id, so an item already present is skipped rather than doubled,
 * whether it came in an earlier upload or earlier in this file.
 */
export function addStreamItems(doc: Y.Doc, items: readonly StreamItem[], idOf: (key: string) => string): StreamAddResult {
  const stream = streamMap(doc)
  const fresh = new Map<string, StreamItem>()
  for (const item of items) {
    const id = idOf(itemKey(item))
    if (!stream.has(id) && !fresh.has(id)) fresh.set(id, item)
  }
  // All or nothing: a file that would overfill the stream adds none of its items.
  if (stream.size + fresh.size > STREAM_LIMITS.maxItems) {
    throw new StreamError('too-many-items', `the stream would hold ${stream.size + fresh.size} items; a board's stream holds at most ${STREAM_LIMITS.maxItems}`)
  }
  let added = 0
  const duplicates = items.length - fresh.size
  doc.transact(() => {
    for (const [id, item] of fresh) {
      const y = new Y.Map<unknown>()
      for (const key of ['text', 'author', 'source', 'at', 'url'] as const) {
        const v = item[key]
        if (v !== undefined) y.set(key, v)
      }
      stream.set(id, y)
      added++
    }
  })
  return { added, duplicates, total: stream.size }
}

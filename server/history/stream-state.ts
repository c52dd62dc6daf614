import * as Y from 'yjs'
import type { StreamState } from '../../shared/metrics'
import { streamMap } from '../../shared/stream/stream-doc'
import type { HistoryService } from './history-service'
import { boardDocAt } from './journal-map-at'

/** The stream's item ids and the concepts' origins in a board document. */
export function readStreamState(doc: Y.Doc): StreamState {
  const items = new Set<string>()
  streamMap(doc).forEach((_value, id) => items.add(id))
  const origins = new Map<string, string>()
  doc.getMap<unknown>('concepts').forEach((value, id) => {
    if (!(value instanceof Y.Map)) return
    const origin = value.get('origin')
    if (typeof origin === 'string') origins.set(id, origin)
  })
  return { items, origins }
}

const NO_STREAM: StreamState = { items: new Set(), origins: new Map() }

/**
 * What metrics.md 11 reads of the board document at `at` beyond the map: the stream and the
 * concepts' origins. The derived history keeps neither (they are not content), so "now" is read
 * from the live document and a past moment from the journal, which is slow on busy boards. That
 * replay is skipped for a board whose stream is empty now: only the server adds items and nothing
 * removes them, so its stream was empty at every earlier moment too, and with S empty no origin
 * counts.
 */
export async function streamStateAt(history: HistoryService, boardId: string, at: number): Promise<StreamState> {
  const { room } = await history.board(boardId)
  if (at >= room.lastAt) return readStreamState(room.doc)
  if (streamMap(room.doc).size === 0) return NO_STREAM
  const doc = await boardDocAt(room.journal, at)
  try {
    return readStreamState(doc)
  } finally {
    doc.destroy()
  }
}

/**
 * The stream state at each of `moments` (any order), for a timeline: one pass over the journal
 * (from its start: checkpoints hold whole documents, and a timeline spans the board's life anyway),
 * applying entries in order and reading the state as each moment is passed. Free when the stream is
 * empty now (see streamStateAt).
 */
export async function streamStatesAt(history: HistoryService, boardId: string, moments: readonly number[]): Promise<Map<number, StreamState>> {
  const { room } = await history.board(boardId)
  const out = new Map<number, StreamState>()
  const pending = [...new Set(moments)].sort((a, b) => a - b)
  if (streamMap(room.doc).size === 0) {
    for (const t of pending) out.set(t, NO_STREAM)
    return out
  }
  const now = readStreamState(room.doc)
  const past = pending.filter((t) => {
    if (t < room.lastAt) return true
    out.set(t, now)
    return false
  })
  if (past.length === 0) return out
  const doc = new Y.Doc()
  try {
    let next = 0
    let after = 0
    for (;;) {
      const entries = await room.journal.read(after, 2000)
      for (const e of entries) {
        while (next < past.length && e.at > past[next]!) out.set(past[next++]!, readStreamState(doc))
        if (next === past.length) return out
        Y.applyUpdate(doc, e.update)
      }
      if (entries.length < 2000) break
      after = entries[entries.length - 1]!.seq
    }
    while (next < past.length) out.set(past[next++]!, readStreamState(doc))
    return out
  } finally {
    doc.destroy()
  }
}

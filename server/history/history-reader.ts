import type { ElementEvent } from '../../shared/events/element-event'
import type { BoardMap, Concept, Link } from '../../shared/schema/board-map'
import type { BoardHistory, HistoryRecord, KeyframeInfo } from '../store/history'
import { PlainMap } from './plain-map'

/** Records are read in pages this long: a seek reads at most about a keyframe's worth after one. */
const PAGE = 256

/** The map as it stood at `at`, from the newest keyframe at or before it plus the changes after it. */
export async function seekMap(store: BoardHistory, at: number): Promise<{ map: BoardMap; seq: number }> {
  const keyframes = await store.keyframes()
  let map = new PlainMap()
  let after = 0
  for (let i = lastIndex(keyframes, (k) => k.at <= at); i >= 0; i--) {
    const kf = await store.readKeyframe(keyframes[i]!.seq)
    if (!kf) continue
    map = PlainMap.from(kf.map)
    after = kf.seq
    break
  }
  await visitRecords(store, after, (r) => {
    if (r.at > at) return false
    map.apply(r.changes)
    after = r.seq
    return true
  })
  return { map: map.toBoardMap(), seq: after }
}

/** One event as history lists it: its number, the journal entry that made it, and the element after it. */
export interface NumberedEvent {
  /** 1, 2, 3, … per board, in journal order. */
  number: number
  seq: number
  at: number
  participantId: string
  event: ElementEvent
  /** The element's state after the entry (null when deleted or not a plain element). */
  value: Concept | Link | null
}

export interface EventQuery {
  /** Events with a number above this (a page cursor). */
  afterEvent: number
  limit: number
  /** Only events in this time range (epoch ms, inclusive). */
  from?: number
  to?: number
}

/** A page of events in journal order, starting from the nearest keyframe before what is asked. */
export async function readEvents(store: BoardHistory, query: EventQuery): Promise<NumberedEvent[]> {
  const { afterEvent, limit } = query
  const from = query.from ?? -Infinity
  const to = query.to ?? Infinity
  const out: NumberedEvent[] = []
  if (limit <= 0) return out
  const keyframes = await store.keyframes()
  // Keyframes are in seq order, so their times and event counts both rise: start at the later of the two.
  const byEvent = lastIndex(keyframes, (k) => k.eventCount <= afterEvent)
  const byTime = lastIndex(keyframes, (k) => k.at < from)
  const start = Math.max(byEvent, byTime)
  const afterSeq = start >= 0 ? keyframes[start]!.seq : 0
  await visitRecords(store, afterSeq, (r) => {
    if (r.at > to) return false
    if (r.at < from || r.eventsBefore + r.events.length <= afterEvent) return true
    for (const [i, event] of r.events.entries()) {
      const number = r.eventsBefore + i + 1
      if (number <= afterEvent) continue
      out.push({ number, seq: r.seq, at: r.at, participantId: r.participantId, event, value: valueOf(r, event) })
      if (out.length >= limit) return false
    }
    return true
  })
  return out
}

function valueOf(r: HistoryRecord, e: ElementEvent): Concept | Link | null {
  for (const c of r.changes) {
    if (c.type === e.elementType && c.id === e.elementId) return c.value
  }
  return null
}

/** Visits records after `afterSeq` in order until `visit` returns false or they end. */
export async function visitRecords(store: BoardHistory, afterSeq: number, visit: (r: HistoryRecord) => boolean, page = PAGE): Promise<void> {
  let after = afterSeq
  for (;;) {
    const records = await store.read(after, page)
    for (const r of records) if (!visit(r)) return
    if (records.length < page) return
    after = records[records.length - 1]!.seq
  }
}

/** Index of the last keyframe satisfying a predicate that holds for a prefix (-1 if none). */
function lastIndex(keyframes: readonly KeyframeInfo[], holds: (k: KeyframeInfo) => boolean): number {
  let lo = 0
  let hi = keyframes.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (holds(keyframes[mid]!)) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}

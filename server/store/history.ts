import type { ElementEvent } from '../../shared/events/element-event'
import type { BoardMap } from '../../shared/schema/board-map'
import type { MapChange } from '../../shared/schema/map-change'

/**
 * Derived, plain-JSON history kept beside each board's journal: per journal entry, the element
 * events it made and the map values it changed, plus periodic keyframes of the whole map. It is a
 * cache of the journal (rebuilt from it whenever it is missing or behind), so time travel and the
 * event list never decode Yjs.
 */

export interface HistoryRecord {
  /** The journal entry's seq (1, 2, 3, … gap-free, like the journal). */
  seq: number
  at: number
  participantId: string
  /** How many events the board had before this entry: its first event is number `eventsBefore + 1`. */
  eventsBefore: number
  events: ElementEvent[]
  changes: MapChange[]
}

export interface HistoryPosition {
  /** Seq of the last stored record (0 when empty). */
  lastSeq: number
  lastAt: number
  /** Events stored so far (the number of the last event). */
  eventCount: number
}

/** Where a keyframe sits, without its map. */
export interface KeyframeInfo {
  /** The map includes every record up to and including this seq. */
  seq: number
  at: number
  /** Events up to and including `seq`. */
  eventCount: number
}

export interface MapKeyframe extends KeyframeInfo {
  map: BoardMap
}

export interface BoardHistory {
  /** Reads where the stored history ends, repairing a torn last record. Call once, first. */
  open(): Promise<HistoryPosition>
  /** Appends records continuing the stored ones (the first has seq lastSeq + 1); rejects otherwise. */
  append(records: readonly HistoryRecord[]): Promise<void>
  /** Records with seq > afterSeq, oldest first, at most `limit`. */
  read(afterSeq: number, limit: number): Promise<HistoryRecord[]>
  /** Stores the map as of record `seq` (which must be stored already). */
  writeKeyframe(keyframe: MapKeyframe): Promise<void>
  /** The keyframes kept, oldest first. */
  keyframes(): Promise<KeyframeInfo[]>
  /** One keyframe, or null if it is gone or unreadable. */
  readKeyframe(seq: number): Promise<MapKeyframe | null>
  /** Drops everything, so that the history can be derived again from the journal. */
  clear(): Promise<void>
  close(): Promise<void>
}

export interface HistoryStore {
  open(boardId: string): Promise<BoardHistory>
}

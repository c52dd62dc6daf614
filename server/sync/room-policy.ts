import type * as Y from 'yjs'
import type { UpdateRefusal } from '../../shared/sync/refusal-reasons'
import type { Participant } from './sync-socket'

/** Who wrote a change, and the board's state when it arrived. */
export interface WriterContext {
  participant: Participant
  locked: boolean
}

/**
 * The board's rules, as a room asks them (after tldraw's `TLSocketRoom`, which takes `isReadonly`
 * and `onBeforeSendMessage`). The room knows how to apply, refuse, journal and relay; what is allowed
 * is decided here, so the sync core holds no role rule and no schema.
 */
export interface RoomPolicy {
  /** A read-only participant's updates are never applied (their empty ones are not even answered). */
  isReadonly(participant: Participant): boolean
  /**
   * Called for a writer's update once Yjs has integrated it, before anything else sees the document
   * (inside `afterTransaction`, where deleted values are still readable): why it may not stay, or
   * null. Runs on every accepted update, so it must look only at what the transaction changed
   * (`changed`, `deleteSet`), never at the whole document.
   */
  review(transaction: Y.Transaction, writer: WriterContext): UpdateRefusal | null
  /** Brings a document just loaded up to the current schema, as the server; returns the steps that ran. */
  upgrade(doc: Y.Doc): string[]
  /**
   * Declares the document's shared types on an empty document the room is about to rebuild from the
   * journal (a loaded one has them from `upgrade`): whoever reads its changes sees the same types.
   */
  declareTypes(doc: Y.Doc): void
}

import * as Y from 'yjs'
import type { UpdateRefusal } from '../../shared/sync/refusal-reasons'
import type { AcceptedEntries } from './accepted-port'
import { changesDocument } from '../../shared/sync/transaction-changes'
import { takesExactly, type UpdateSpans } from './own-bytes'
import { revertTransaction } from './transaction-revert'

/** What applying a client's update did to the document. */
export type ClientUpdateOutcome =
  /**
   * `effective`: what the document took in, as one update (null: nothing new). `refused`: why the
   * update's effect was removed again; `effective` then holds its structs and their revert.
   */
  | { outcome: 'applied'; effective: Uint8Array | null; pendingDropped: boolean; refused: UpdateRefusal | null }
  /** Yjs threw before integrating anything: the document is as it was. */
  | { outcome: 'undecodable'; error: unknown }
  /** Yjs threw midway: the document holds part of the update and must be rebuilt. */
  | { outcome: 'half-applied'; error: unknown }

/** Why a client's transaction may not stay (see RoomPolicy.review), or null. */
export type ChangeReview = (transaction: Y.Transaction) => UpdateRefusal | null

/** The client update being applied now, and what its review found. */
interface UnderReview {
  origin: unknown
  review: ChangeReview
  refused: UpdateRefusal | null
  /** The clocks the update spans, when its own bytes may stand for what the document took in. */
  spans: UpdateSpans | null
  /** The update's first transaction took in exactly its bytes (Yjs was not asked to encode it). */
  covered: boolean
  /** A transaction changed the document while `capture` was not listening. */
  touched: boolean
}

/** Updates (or their parts) a document holds until the structs they depend on arrive. */
interface PendingUpdates {
  structs: Y.Doc['store']['pendingStructs']
  deletes: Y.Doc['store']['pendingDs']
}

/** What of the accepted-entries port watches the document's changes (see AcceptedEntries). */
type ChangeWatcher = Pick<AcceptedEntries, 'transaction' | 'staged' | 'discarded'>

/**
 * A room's Yjs document and what is bound to it: the capture of every change for the journal, and
 * whoever watches its transactions for derived history (see AcceptedEntries). Both follow the
 * document when `replace` swaps in a rebuilt one, so the room never has to rebind anything itself.
 */
export class RoomDocument {
  private current: Y.Doc
  private watcher: ChangeWatcher | null = null
  private captured: Uint8Array[] = []
  private underReview: UnderReview | null = null
  private beingRebuilt = false
  /** Whether `capture` listens to the document's updates (not while a client's own bytes may stand for one). */
  private capturing = false

  /** `doc` as loaded: from here on every change to it is captured for the journal. */
  constructor(doc: Y.Doc) {
    this.current = doc
    this.bind(doc)
  }

  get doc(): Y.Doc {
    return this.current
  }

  /** Shows `watcher` every change from now on (one watcher: the room's accepted-entries port). */
  watch(watcher: ChangeWatcher): void {
    if (this.watcher) throw new Error('the document is watched already')
    this.watcher = watcher
    if (watcher.transaction) this.current.on('afterTransaction', this.forward)
  }

  /** Forgets what was captured: what follows is one new change. */
  reset(): void {
    this.captured = []
    this.watcher?.discarded?.()
  }

  /**
   * Applies a client's update as one new change, reviewed by `review` as Yjs integrates it: a refused
   * update is integrated and its effect removed in the same change (`refused`), so that its sender's
   * later updates still apply. Updates held for missing dependencies are dropped once they hold more
   * than `maxPendingBytes` (`pendingDropped`: its sender should be cut off).
   */
  applyClientUpdate(
    update: Uint8Array,
    origin: unknown,
    maxPendingBytes: number,
    review: ChangeReview,
    /** The clocks the update spans (a client's own transaction): its bytes are journaled when they are exactly what was taken in. */
    spans: UpdateSpans | null = null
  ): ClientUpdateOutcome {
    this.reset()
    const pending = this.pending()
    const ownBytes = spans !== null && pending.structs === null && pending.deletes === null
    const underReview: UnderReview = { origin, review, refused: null, spans: ownBytes ? spans : null, covered: false, touched: false }
    this.underReview = underReview
    // Without a listener for 'update' Yjs does not encode the transaction (for a 30-writer board,
    // a walk over every client's state, twice); `coverOrCapture` listens again as soon as a
    // transaction is not exactly the update's bytes.
    if (ownBytes) this.setCapturing(false)
    try {
      Y.applyUpdate(this.current, update, origin)
    } catch (error) {
      // Yjs reads all of an update's structs before it integrates any: most malformed updates throw
      // there and leave the document untouched. No separate decoding pass is paid on every update.
      if (underReview.touched || !this.untouchedSinceReset()) return { outcome: 'half-applied', error }
      this.restorePending(pending)
      return { outcome: 'undecodable', error }
    } finally {
      this.underReview = null
      this.setCapturing(true)
    }
    const pendingDropped = this.dropOversizedPending(maxPendingBytes)
    // A refused change and its revert leave the map as it was: nothing happened to any element.
    if (underReview.refused) this.watcher?.discarded?.()
    const effective = underReview.covered ? this.takeOwn(update) : this.takeUpdate()
    return { outcome: 'applied', effective, pendingDropped, refused: underReview.refused }
  }

  /** The update's own bytes (its first transaction), with whatever was captured after it. */
  private takeOwn(update: Uint8Array): Uint8Array {
    const captured = this.captured
    this.captured = []
    this.watcher?.staged?.()
    return captured.length === 0 ? update : Y.mergeUpdates([update, ...captured])
  }

  /**
   * What the document took in since `reset`, as one update; null if nothing. Taken only to be
   * appended: the change is then staged for the watcher (see AcceptedEntries.staged).
   */
  takeUpdate(): Uint8Array | null {
    const captured = this.captured
    this.captured = []
    if (captured.length === 0) return null
    this.watcher?.staged?.()
    return captured.length === 1 ? captured[0]! : Y.mergeUpdates(captured)
  }

  /** Whether the document took in nothing since `reset` (Yjs reports every integrated change). */
  private untouchedSinceReset(): boolean {
    return this.captured.length === 0
  }

  /** What waits for missing dependencies now, to be put back if the update being applied is refused. */
  private pending(): PendingUpdates {
    const store = this.current.store
    return { structs: store.pendingStructs, deletes: store.pendingDs }
  }

  private restorePending(pending: PendingUpdates): void {
    const store = this.current.store
    store.pendingStructs = pending.structs
    store.pendingDs = pending.deletes
  }

  /** Drops updates waiting for dependencies once they hold more than `maxBytes`; true if it did. */
  private dropOversizedPending(maxBytes: number): boolean {
    const store = this.current.store
    const size = (store.pendingStructs?.update.length ?? 0) + (store.pendingDs?.length ?? 0)
    if (size <= maxBytes) return false
    store.pendingStructs = null
    store.pendingDs = null
    return true
  }

  /** Set while a rebuild is under way: the document in place then cannot be checkpointed. */
  get rebuilding(): boolean {
    return this.beingRebuilt
  }

  /**
   * Replaces the document by the one `rebuilt` resolves with (null: keeps it, e.g. the room failed
   * meanwhile); true if it did. What was captured so far is forgotten: it was never journaled.
   */
  async rebuild(rebuilt: () => Promise<Y.Doc | null>): Promise<boolean> {
    this.beingRebuilt = true
    this.reset()
    try {
      const doc = await rebuilt()
      if (doc) this.replace(doc)
      return doc !== null
    } finally {
      this.beingRebuilt = false
    }
  }

  /** Swaps in `doc` (with the same content as far as anyone was shown) and destroys the old one. */
  private replace(doc: Y.Doc): void {
    const old = this.current
    this.setCapturing(false)
    old.off('afterTransaction', this.reviewTransaction)
    old.off('afterTransaction', this.forward)
    this.current = doc
    this.captured = []
    this.bind(doc)
    if (this.watcher?.transaction) doc.on('afterTransaction', this.forward)
    old.destroy()
  }

  destroy(): void {
    this.current.destroy()
  }

  private bind(doc: Y.Doc): void {
    this.setCapturing(true)
    // Inside the transaction's cleanup: what it deleted can still be restored (see revertTransaction).
    doc.on('afterTransaction', this.reviewTransaction)
  }

  /** Registered after `reviewTransaction`: the watcher sees a transaction once it was reviewed. */
  private readonly forward = (transaction: Y.Transaction): void => {
    this.watcher?.transaction?.(transaction)
  }

  private readonly capture = (update: Uint8Array): void => {
    this.captured.push(update)
  }

  private setCapturing(on: boolean): void {
    if (on === this.capturing) return
    this.capturing = on
    if (on) this.current.on('update', this.capture)
    else this.current.off('update', this.capture)
  }

  /**
   * While `capture` is not listening: the update's first transaction, if it took in exactly the
   * update's bytes and was not refused, is covered by them; any other transaction that changes the
   * document makes `capture` listen again, in time for Yjs to encode that one (and any after it).
   */
  private coverOrCapture(under: UnderReview, transaction: Y.Transaction): void {
    if (!changesDocument(transaction)) return
    const first = !under.touched
    under.touched = true
    const own = under.spans
    if (first && own !== null && transaction.origin === under.origin && under.refused === null && takesExactly(transaction, own, this.current.store)) {
      under.covered = true
      return
    }
    this.setCapturing(true)
  }

  /** Reviews the transaction of the client update being applied; one that changed nothing passes. */
  private readonly reviewTransaction = (transaction: Y.Transaction): void => {
    const under = this.underReview
    if (under === null) return
    this.review(under, transaction)
    if (!this.capturing) this.coverOrCapture(under, transaction)
  }

  private review(under: UnderReview, transaction: Y.Transaction): void {
    if (transaction.origin !== under.origin || under.refused !== null) return
    if (transaction.changed.size === 0 && transaction.deleteSet.clients.size === 0) return
    let refused: UpdateRefusal | null
    try {
      refused = under.review(transaction)
    } catch {
      // A rule that cannot decide keeps nothing (closed, not open).
      refused = 'shape'
    }
    if (refused === null) return
    under.refused = refused
    revertTransaction(transaction)
  }
}

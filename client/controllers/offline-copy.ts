import type * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'
import { probeIndexedDb } from './indexeddb-probe'
import { batchRemoteWrites } from './local-write-batch'

/** Whether the board keeps a copy on this device: not known yet, kept, or not (the browser refuses storage). */
export type OfflineCopyState = 'checking' | 'on' | 'off'

/**
 * How long the probe may take before the board says it has no offline copy. A browser that never
 * answers is rare; one on a busy phone answering late is not, so a late yes still opens the copy.
 */
const PROBE_TIMEOUT_MS = 2000

/**
 * The board's copy on this device (y-indexeddb), opened only where the browser lets the page keep
 * data (indexeddb-probe.ts); elsewhere the board runs live from the server alone and `state` says so.
 * The server's updates (`remote`'s) are written in batches (local-write-batch.ts) through `take`.
 * Opening later than the socket loses nothing: y-indexeddb stores the whole document when it opens.
 */
export class OfflineCopy {
  state: OfflineCopyState = 'checking'
  /** The copy has loaded into the document, or there is none to wait for. */
  loaded = false
  private local: IndexeddbPersistence | null = null
  private batch: ReturnType<typeof batchRemoteWrites> | null = null
  private closed = false
  private readonly timer: ReturnType<typeof setTimeout>

  constructor(
    private readonly name: string,
    private readonly doc: Y.Doc,
    private readonly remote: unknown,
    private readonly changed: () => void
  ) {
    this.timer = setTimeout(() => this.set('off', true), PROBE_TIMEOUT_MS)
    void probeIndexedDb().then((usable) => {
      clearTimeout(this.timer)
      if (this.closed) return
      if (usable) this.open()
      else this.set('off', true)
    })
  }

  /** Hands the copy one of the server's updates, as it arrived (server-updates.ts); dropped while there is no copy. */
  readonly take = (update: Uint8Array): void => this.batch?.take(update)

  /** Writes what waits and lets go of the database. */
  close(): void {
    this.closed = true
    clearTimeout(this.timer)
    this.batch?.stop()
    // Its promise rejects where the database never opened; that was said already (state 'off').
    void this.local?.destroy().catch(() => {})
    this.batch = null
    this.local = null
  }

  private open(): void {
    const local = new IndexeddbPersistence(this.name, this.doc)
    this.local = local
    this.batch = batchRemoteWrites(local, this.doc, this.remote)
    this.guard(local)
    this.set('on', this.loaded)
    void local.whenSynced.then(() => {
      if (local === this.local) this.set('on', true)
    })
  }

  /**
   * The probe said yes, but the board's own database can still fail to open (storage full, a
   * browser losing its IndexedDB server). y-indexeddb then rejects a promise of its own that no one
   * can catch, with the error of the open it awaited: that one rejection, and only it, is marked
   * handled here, and the board goes on without the copy as if the probe had said no. The listener
   * goes once the database is open; after a failure it stays (the report comes in a later task, and
   * may come after the board closed), matching nothing else.
   */
  private guard(local: IndexeddbPersistence): void {
    let failure: unknown = null
    const onUnhandled = (event: PromiseRejectionEvent) => {
      if (failure !== null && event.reason === failure) event.preventDefault()
    }
    window.addEventListener('unhandledrejection', onUnhandled)
    void local._db.then(
      () => window.removeEventListener('unhandledrejection', onUnhandled),
      (error: unknown) => {
        failure = error
        if (local !== this.local) return
        this.batch?.stop()
        this.batch = null
        this.set('off', true)
      }
    )
  }

  private set(state: OfflineCopyState, loaded: boolean): void {
    if (this.closed || (state === this.state && loaded === this.loaded)) return
    this.state = state
    this.loaded = loaded
    this.changed()
  }
}

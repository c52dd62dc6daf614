import * as Y from 'yjs'
import type { IndexeddbPersistence } from 'y-indexeddb'

/** How long the server's updates wait to be written to the local copy together. */
const BATCH_MS = 250

/**
 * y-indexeddb writes every update to the local copy in an IndexedDB transaction of its own. While
 * another participant drags, that is dozens of transactions a second, each with its callbacks on
 * the main thread (about 4 % of a phone's, measured). Updates from the server (`remote`: already
 * durable there) are merged and written together every BATCH_MS, and at once when the page goes
 * away or the board closes; this participant's own changes, which may exist nowhere else yet,
 * are still written as they happen. The server's updates come through the `update` event, or
 * through `take` (their bytes as they arrived: see server-updates.ts). Returns `take` and the
 * function that stops it (flushing what waits).
 */
export function batchRemoteWrites(local: IndexeddbPersistence, doc: Y.Doc, remote: unknown): { take: (update: Uint8Array) => void; stop: () => void } {
  const store = local._storeUpdate
  let waiting: Uint8Array[] = []
  let timer: ReturnType<typeof setTimeout> | null = null
  const flush = () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    if (waiting.length === 0) return
    const update = waiting.length === 1 ? (waiting[0] as Uint8Array) : Y.mergeUpdates(waiting)
    waiting = []
    store(update, remote)
  }
  const take = (update: Uint8Array) => {
    waiting.push(update)
    timer ??= setTimeout(flush, BATCH_MS)
  }
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== remote) return store(update, origin)
    take(update)
  }
  doc.off('update', store)
  doc.on('update', onUpdate)
  window.addEventListener('pagehide', flush)
  const stop = () => {
    flush()
    doc.off('update', onUpdate)
    window.removeEventListener('pagehide', flush)
  }
  return { take, stop }
}

import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type { WebsocketProvider } from 'y-websocket'
import { changesDocument } from '../../shared/sync/transaction-changes'

const MESSAGE_SYNC = 0

/** The observers of a Yjs document (lib0's Observable keeps them in `_observers`, by event name). */
type Observed = { _observers: Map<string, Set<unknown>> }

/**
 * Applies the server's sync messages as y-websocket does, and hands each update's bytes as they
 * arrived to `onUpdate` (the local copy's writer) instead of Yjs encoding them again for its
 * `update` event. That event's only other listener, the provider, drops what came from itself;
 * Yjs encodes an update for it anyway, which was ~45 % of applying a board's initial sync (89 of
 * 199 ms on a phone at 4×, 300 concepts) and part of every message while someone drags. Only the
 * provider's own transactions are affected: `update` observers are set aside from that
 * transaction's cleanup (`afterTransactionCleanup`, emitted just before Yjs checks for them) to
 * the next event Yjs emits, so a change an observer makes meanwhile is still sent and stored.
 * Returns the function that stops it.
 */
export function takeServerUpdates(provider: WebsocketProvider, doc: Y.Doc, onUpdate: (update: Uint8Array) => void): () => void {
  const observers = (doc as unknown as Partial<Observed>)._observers
  // A Yjs whose Observable keeps its observers otherwise: the stock path (Yjs encodes each update
  // for its `update` event, and the local copy's writer takes it from there), slower but whole.
  if (!(observers instanceof Map)) return () => {}
  let arriving: Uint8Array | null = null
  let setAside: Set<unknown> | undefined
  const restore = () => {
    if (setAside) observers.set('update', setAside)
    setAside = undefined
  }
  const onCleanup = (tr: Y.Transaction) => {
    if (!arriving || tr.origin !== provider) return
    const update = arriving
    arriving = null
    if (!changesDocument(tr)) return
    onUpdate(update)
    setAside = observers.get('update')
    observers.delete('update')
  }
  doc.on('afterTransactionCleanup', onCleanup)
  doc.on('beforeObserverCalls', restore)
  doc.on('afterAllTransactions', restore)
  const stock = provider.messageHandlers[MESSAGE_SYNC]
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    const type = decoding.readVarUint(decoder)
    if (type === syncProtocol.messageYjsSyncStep1) return syncProtocol.readSyncStep1(decoder, encoder, doc)
    if (type !== syncProtocol.messageYjsSyncStep2 && type !== syncProtocol.messageYjsUpdate) throw new Error('Unknown message type')
    arriving = decoding.readVarUint8Array(decoder)
    try {
      Y.applyUpdate(doc, arriving, p)
    } catch (error) {
      // As y-protocols' readSyncStep2: an observer's error must not end the connection.
      console.error('Caught error while handling a Yjs update', error)
    } finally {
      arriving = null
      restore()
    }
    if (emitSynced && type === syncProtocol.messageYjsSyncStep2 && !p.synced) p.synced = true
  }
  return () => {
    if (stock) provider.messageHandlers[MESSAGE_SYNC] = stock
    doc.off('afterTransactionCleanup', onCleanup)
    doc.off('beforeObserverCalls', restore)
    doc.off('afterAllTransactions', restore)
    restore()
  }
}

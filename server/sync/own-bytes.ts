import type * as Y from 'yjs'

/** The clocks a client's update spans, per client: [from, to) (Y.parseUpdateMeta). */
export interface UpdateSpans {
  from: ReadonlyMap<number, number>
  to: ReadonlyMap<number, number>
}

/**
 * Whether `transaction` took in exactly the structs of the update whose clocks are `spans`, and
 * nothing waits for missing dependencies: each client's structs went from the update's first clock
 * to its last (and, nothing having waited before, no other client's changed). Applying those bytes to the document as it stood
 * before did exactly what the transaction did (Yjs is deterministic), so the bytes may be journaled
 * and relayed in place of the transaction's own encoding: replaying the journal in order gives the
 * same document (test/unit/server/own-bytes.test.ts). Its deletions may repeat ones the document
 * had already (a no-op on every replay); updates held for later, or half taken in, never qualify.
 */
export function takesExactly(transaction: Y.Transaction, spans: UpdateSpans, store: Y.Doc['store']): boolean {
  // Called only when nothing waited before the update (RoomDocument.applyClientUpdate): the
  // transaction's structs then all come from the update, so checking its own clients is enough.
  if (store.pendingStructs !== null || store.pendingDs !== null) return false
  for (const [client, to] of spans.to) {
    const from = spans.from.get(client) ?? 0
    if (to <= from) continue
    if ((transaction.beforeState.get(client) ?? 0) !== from || transaction.afterState.get(client) !== to) return false
  }
  return true
}

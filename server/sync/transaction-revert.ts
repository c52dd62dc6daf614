import * as Y from 'yjs'

/**
 * Removes the effect of `transaction` on its document, as a new change by the document's own client:
 * what it inserted is deleted and what it deleted is written again (a deleted element comes back as
 * a copy with the same fields). The refused structs stay integrated, so the sender's later updates,
 * numbered after them, still apply.
 *
 * Call it from `afterTransaction` of that transaction: Yjs garbage-collects deleted content only
 * after those listeners return, so what the transaction deleted can still be copied back. The revert
 * is a nested transaction, cleaned up (and reported by `update`) right after this one.
 */
export function revertTransaction(transaction: Y.Transaction): void {
  const doc = transaction.doc
  // A Y.UndoManager per revert: nothing is tracked, and nothing paid, for the updates that stay.
  const undo = new Y.UndoManager(doc, { trackedOrigins: new Set([transaction.origin]), captureTimeout: 0 })
  try {
    undo.afterTransactionHandler(transaction)
    undo.undo()
  } finally {
    undo.destroy()
  }
  releaseKeptItems(transaction)
}

/**
 * The UndoManager marks what it may bring back (the items this transaction deleted, and their copies)
 * as never to be garbage-collected. Nothing will undo this again: let Yjs collect them as usual.
 */
function releaseKeptItems(transaction: Y.Transaction): void {
  const store = transaction.doc.store
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (!(struct instanceof Y.Item)) return
    struct.keep = false
    let redone = struct.redone
    while (redone !== null) {
      const copy = Y.getItem(store, redone) as Y.Item
      copy.keep = false
      redone = copy.redone
    }
  })
}

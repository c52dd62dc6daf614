import type * as Y from 'yjs'

/**
 * Whether a transaction changed the document: Yjs's own test before it encodes an update for it
 * (writeUpdateMessageFromTransaction). An update already known, applied again, changes nothing.
 */
export function changesDocument(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true
  return false
}

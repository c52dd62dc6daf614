import { stockClient, synced, type StockClient } from './clients'
import type { TestServer } from './server'

/** What a stock client holds of another's presence (the server stamps `user`). */
export type SeenState = { user?: { name?: string }; cursor?: { x: number; y?: number } | null } | undefined

/** A stock client invited to `boardId` as `role`, synced, and kept in `clients` for the test's cleanup. */
export async function joinAs(server: TestServer, clients: StockClient[], boardId: string, role: 'brand' | 'customer', name: string): Promise<StockClient> {
  const invite = await server.invite(boardId, role, name)
  const client = stockClient(server.wsUrl, boardId, invite.token)
  clients.push(client)
  await synced(client)
  return client
}

export const stateOf = (observer: StockClient, other: StockClient): SeenState =>
  observer.provider.awareness.getStates().get(other.doc.clientID) as SeenState

export const sees = (observer: StockClient, ...others: StockClient[]): boolean => others.every((o) => stateOf(observer, o) !== undefined)

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { waitFor, type StockClient } from '../support/clients'
import { joinAs, sees, stateOf } from '../support/presence-peers'
import { startTestServer, type TestServer } from '../support/server'

/**
 * Presence after a reconnect, with stock y-websocket clients. On a disconnect a stock client drops
 * everyone else's state but keeps its clock, and takes a state again only with a higher clock; each
 * state is renewed every 15 s, so "promptly" here is well under that.
 */
let server: TestServer
const clients: StockClient[] = []

beforeEach(async () => {
  server = await startTestServer()
})

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server.close(true)
})

const PROMPTLY_MS = 2000

async function join(boardId: string, role: 'brand' | 'customer', name: string): Promise<StockClient> {
  const client = await joinAs(server, clients, boardId, role, name)
  client.provider.awareness.setLocalStateField('cursor', null)
  return client
}

describe('presence after a reconnect', () => {
  it('shows the others again at once, then their next changes and their leaving', async () => {
    const { id } = await server.createBoard()
    const ann = await join(id, 'brand', 'Ann')
    const bob = await join(id, 'customer', 'Bob')
    const cy = await join(id, 'customer', 'Cy')
    await waitFor(() => sees(bob, ann, cy) && sees(ann, bob, cy) && sees(cy, ann, bob), 5000, 'everyone')

    bob.provider.disconnect()
    await waitFor(() => !sees(bob, ann) && !sees(bob, cy) && !sees(ann, bob), 5000, 'apart')
    bob.provider.connect()
    await waitFor(() => sees(bob, ann, cy), PROMPTLY_MS, 'Bob to see Ann and Cy again')
    expect(stateOf(bob, ann)?.user?.name).toBe('Ann')
    await waitFor(() => sees(ann, bob) && sees(cy, bob), PROMPTLY_MS, 'the others to see Bob again')

    // What Bob heard on joining was numbered above the last relay, not in the way of the next one.
    ann.provider.awareness.setLocalStateField('cursor', { x: 10, y: 20 })
    await waitFor(() => stateOf(bob, ann)?.cursor?.x === 10, PROMPTLY_MS, "Ann's cursor")
    cy.destroy()
    await waitFor(() => !sees(bob, cy) && !sees(ann, cy), PROMPTLY_MS, 'Cy gone')
  })
})

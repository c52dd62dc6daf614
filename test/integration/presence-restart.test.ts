import { afterEach, describe, expect, it } from 'vitest'
import { synced, waitFor, type StockClient } from '../support/clients'
import { joinAs, sees, stateOf } from '../support/presence-peers'
import { parsePrometheusText, sampleValue } from '../support/prometheus-text'
import { startTestServer, type TestServer } from '../support/server'

/**
 * Presence after the server restarts, or a board's room is unloaded and loaded again, with stock
 * y-websocket clients reconnecting on their own. A stock client keeps the clock of each state it
 * dropped on the disconnect and takes a state again only with a higher one, while the new server
 * (or room) has no record of the clocks sent before: it must still number its first states above them.
 */
let server: TestServer
const clients: StockClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server.close(true)
})

const PROMPTLY_MS = 2000

const join = (boardId: string, role: 'brand' | 'customer', name: string) => joinAs(server, clients, boardId, role, name)

/** Ann and Bob on a new board, each having seen the other's cursor move a few times (clocks well above 1). */
async function twoOnABoard(): Promise<[StockClient, StockClient]> {
  const { id } = await server.createBoard()
  const ann = await join(id, 'brand', 'Ann')
  const bob = await join(id, 'customer', 'Bob')
  for (let x = 1; x <= 5; x++) {
    ann.provider.awareness.setLocalStateField('cursor', { x })
    bob.provider.awareness.setLocalStateField('cursor', { x })
    await waitFor(() => stateOf(ann, bob)?.cursor?.x === x && stateOf(bob, ann)?.cursor?.x === x, 5000, `cursors at ${x}`)
  }
  return [ann, bob]
}

async function backTogether(ann: StockClient, bob: StockClient): Promise<void> {
  // The stock clients reconnect with their own backoff (up to 2.5 s a try); "promptly" counts from then.
  await Promise.all([synced(ann, 15_000), synced(bob, 15_000)])
  await waitFor(() => sees(ann, bob) && sees(bob, ann), PROMPTLY_MS, 'Ann and Bob to see each other again')
  expect(stateOf(ann, bob)?.user?.name).toBe('Bob')
  expect(stateOf(bob, ann)?.user?.name).toBe('Ann')
  // And the next change is heard too.
  bob.provider.awareness.setLocalStateField('cursor', { x: 42 })
  await waitFor(() => stateOf(ann, bob)?.cursor?.x === 42, PROMPTLY_MS, "Bob's next cursor")
}

describe('presence across a restart and a room reload', () => {
  it('after a server restart on the same data, reconnected clients see each other at once', async () => {
    server = await startTestServer()
    const [ann, bob] = await twoOnABoard()
    const { dataDir, port } = server
    await server.close()
    await waitFor(() => !ann.provider.synced && !bob.provider.synced, 5000, 'both cut off')
    // The same port, so the clients' own reconnects find it.
    server = await startTestServer({ dataDir, env: { PORT: String(port) } })
    await backTogether(ann, bob)
  })

  it('after everyone left and the room was unloaded, the clients coming back see each other at once', async () => {
    server = await startTestServer({ env: { IDLE_UNLOAD_MS: '50' } })
    const [ann, bob] = await twoOnABoard()
    ann.provider.disconnect()
    bob.provider.disconnect()
    const loaded = async () => sampleValue(parsePrometheusText(await (await fetch(`${server.url}/metrics`)).text()), 'cg_boards_loaded')
    const deadline = Date.now() + 5000
    while ((await loaded()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    expect(await loaded()).toBe(0)
    ann.provider.connect()
    bob.provider.connect()
    await backTogether(ann, bob)
  })
})

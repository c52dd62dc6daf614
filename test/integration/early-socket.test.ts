import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { adoptingWebSocket, openEarlySocket, takeEarlySocket, type SocketLike } from '../../client/controllers/early-socket'
import { syncUrl } from '../../client/controllers/sync-url'
import { CloseCode } from '../../shared/close-codes'
import { addConcept, mapOf, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { startTestServer, type TestServer } from '../support/server'

// The board page's early socket (client/controllers/early-socket.ts) against the real server, with
// the `ws` package standing in for the browser's WebSocket and a stock y-websocket provider adopting it.

let server: TestServer
const done: (() => void)[] = []

beforeEach(async () => {
  server = await startTestServer()
})

afterEach(async () => {
  for (const f of done.splice(0)) f()
  await server.close(true)
})

/** Every socket the test creates, with the sync step 2 messages each received (the map's data). */
function sockets() {
  const made: { url: string; step2: number }[] = []
  const create = (url: string) => {
    const socket = new WebSocket(url)
    const seen = { url, step2: 0 }
    made.push(seen)
    socket.addEventListener('message', (e) => {
      const bytes = new Uint8Array(e.data as ArrayBuffer)
      if (bytes[0] === 0 && bytes[1] === 1) seen.step2++
    })
    done.push(() => socket.close())
    return socket as unknown as SocketLike
  }
  const Base = function (url: string) {
    return create(url)
  } as unknown as new (url: string) => SocketLike
  return { made, create, Base }
}

function provider(url: string, boardId: string, token: string, Base: new (url: string) => SocketLike, scope: object) {
  const doc = new Y.Doc()
  const p = new WebsocketProvider(url.slice(0, url.indexOf(`/${boardId}?`)), boardId, doc, {
    params: { token },
    WebSocketPolyfill: adoptingWebSocket(Base, scope),
    disableBc: true
  })
  done.push(() => {
    p.destroy()
    doc.destroy()
  })
  return { doc, provider: p }
}

async function seededBoard(): Promise<{ id: string; seeder: StockClient }> {
  const { id } = await server.createBoard()
  const seeder = stockClient(server.wsUrl, id, (await server.invite(id, 'brand', 'Seeder')).token)
  done.push(() => seeder.destroy())
  await synced(seeder)
  for (let i = 0; i < 20; i++) addConcept(seeder.doc, `c${i}`, `Concept ${i}`, i * 10, 0)
  await waitFor(() => seeder.provider.synced && seeder.doc.getMap('concepts').size === 20)
  return { id, seeder }
}

describe('the board page’s early socket', () => {
  it('is opened for the address the provider would open', () => {
    const doc = new Y.Doc()
    const p = new WebsocketProvider('ws://127.0.0.1:8787/sync', 'b0ard_Id-1', doc, {
      connect: false,
      params: { token: 'a.b+c/=.d' },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
    })
    expect(syncUrl('b0ard_Id-1', 'a.b+c/=.d', null, 'http://127.0.0.1:8787')).toBe(p.url)
    expect(syncUrl('x', 't', 'https://example.org/cg/', 'http://ignored')).toBe('wss://example.org/cg/sync/x?token=t')
    p.destroy()
    doc.destroy()
  })

  it('asks for the map as it opens; the provider that adopts it later gets the map once, replayed, and edits through it', async () => {
    const { id, seeder } = await seededBoard()
    const token = (await server.invite(id, 'customer', 'Cy')).token
    const url = syncUrl(id, token, server.url)
    const scope = {}
    const { made, create, Base } = sockets()
    openEarlySocket(url, create, scope)
    // The map arrives before anything adopts the socket.
    await waitFor(() => made[0]!.step2 === 1, 5000, 'the map on the early socket')
    const { doc, provider: p } = provider(url, id, token, Base, scope)
    await waitFor(() => p.synced, 5000, 'provider synced')
    expect(made.map((m) => m.url)).toEqual([url])
    expect(doc.getMap('concepts').size).toBe(20)
    expect(mapOf(doc)).toBe(mapOf(seeder.doc))
    addConcept(doc, 'mine', 'From the adopted socket', 0, 100)
    await waitFor(() => seeder.doc.getMap('concepts').has('mine'), 5000, 'edit relayed')
    // Only one whole map on the wire: the provider's own empty sync step 1 was not sent again.
    await new Promise((r) => setTimeout(r, 300))
    expect(made[0]!.step2).toBe(1)
  })

  it('is adopted before it opens, and the open still reaches the provider', async () => {
    const { id, seeder } = await seededBoard()
    const token = (await server.invite(id, 'brand', 'Bea')).token
    const url = syncUrl(id, token, server.url)
    const scope = {}
    const { made, create, Base } = sockets()
    openEarlySocket(url, create, scope)
    const { doc, provider: p } = provider(url, id, token, Base, scope)
    const statuses: string[] = []
    p.on('status', ({ status }) => statuses.push(status))
    await waitFor(() => p.synced && doc.getMap('concepts').size === 20, 5000, 'provider synced')
    expect(statuses).toContain('connected')
    expect(made).toHaveLength(1)
    expect(made[0]!.step2).toBe(1)
    expect(mapOf(doc)).toBe(mapOf(seeder.doc))
  })

  it('is closed, not used, when the provider asks for another address; and gives nothing twice', async () => {
    const { id } = await seededBoard()
    const first = (await server.invite(id, 'customer', 'One')).token
    const second = (await server.invite(id, 'customer', 'Two')).token
    const scope = {}
    const { made, create, Base } = sockets()
    openEarlySocket(syncUrl(id, first, server.url), create, scope)
    const url = syncUrl(id, second, server.url)
    const { doc, provider: p } = provider(url, id, second, Base, scope)
    await waitFor(() => p.synced && doc.getMap('concepts').size === 20, 5000, 'provider synced on its own socket')
    expect(made.map((m) => m.url)).toEqual([syncUrl(id, first, server.url), url])
    expect(takeEarlySocket(url, scope)).toBeNull()
  })

  it('hands a refusal that came before the provider to it: a bad token closes for good', async () => {
    const { id } = await seededBoard()
    const url = syncUrl(id, 'not-a-token', server.url)
    const scope = {}
    const { made, create, Base } = sockets()
    openEarlySocket(url, create, scope)
    const early = made[0]!
    await new Promise((r) => setTimeout(r, 500))
    const { provider: p } = provider(url, id, 'not-a-token', Base, scope)
    const closed: number[] = []
    p.on('closed', ({ code }) => closed.push(code))
    await waitFor(() => closed.length === 1, 5000, 'closed for good')
    expect(closed[0]).toBe(CloseCode.unauthorized)
    expect(early.step2).toBe(0)
    await new Promise((r) => setTimeout(r, 500))
    expect(made).toHaveLength(1)
  })
})

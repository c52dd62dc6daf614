import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import { addConcept, addLink, mapOf, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { startTestServer, type TestServer } from '../support/server'

let server: TestServer
const clients: StockClient[] = []
const connect = (boardId: string, token: string) => {
  const c = stockClient(server.wsUrl, boardId, token)
  clients.push(c)
  return c
}

beforeEach(async () => {
  server = await startTestServer()
})

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server.close(true)
})

describe('sync with stock y-websocket clients', () => {
  it('converges edits of concepts and links between clients', async () => {
    const { id } = await server.createBoard()
    const brand = connect(id, (await server.invite(id, 'brand', 'Bea')).token)
    const customer = connect(id, (await server.invite(id, 'customer', 'Cy')).token)
    await Promise.all([synced(brand), synced(customer)])
    expect(brand.doc.getMap('meta').get('title')).toBe('Test board')
    addConcept(brand.doc, 'a', 'Fast delivery', 10, 20)
    addConcept(customer.doc, 'b', 'Trust', 200, 20)
    addLink(customer.doc, 'l1', 'a', 'b', 'builds')
    ;(brand.doc.getMap('concepts').get('a') as any).set('label', 'Fast, free delivery')
    await waitFor(() => mapOf(brand.doc) === mapOf(customer.doc) && brand.doc.getMap('links').size === 1)
    const map = JSON.parse(mapOf(customer.doc))
    expect(map.concepts.map((c: any) => c.label)).toEqual(['Fast, free delivery', 'Trust'])
    expect(map.links).toEqual([{ id: 'l1', from: 'a', to: 'b', label: 'builds' }])
  })

  it('gives a late joiner the whole board', async () => {
    const { id } = await server.createBoard()
    const first = connect(id, (await server.invite(id, 'brand')).token)
    await synced(first)
    for (let i = 0; i < 50; i++) addConcept(first.doc, `c${i}`, `concept ${i}`, i, i)
    await waitFor(() => server.server !== null)
    const late = connect(id, (await server.invite(id, 'customer')).token)
    await synced(late)
    await waitFor(() => late.doc.getMap('concepts').size === 50)
    expect(mapOf(late.doc)).toBe(mapOf(first.doc))
  })

  it('keeps the board across a restart', async () => {
    const { id } = await server.createBoard('Persisted', 'Does it last?')
    const { token } = await server.invite(id, 'brand')
    const a = connect(id, token)
    await synced(a)
    addConcept(a.doc, 'x', 'Survives', 1, 2)
    addLink(a.doc, 'l', 'x', 'x', 'is itself')
    const observer = connect(id, (await server.invite(id, 'viewer')).token)
    await waitFor(() => observer.doc.getMap('links').size === 1)
    const before = mapOf(observer.doc)
    for (const c of clients.splice(0)) c.destroy()
    server = await server.restart()
    const b = connect(id, token)
    await synced(b)
    await waitFor(() => b.doc.getMap('links').size === 1)
    expect(mapOf(b.doc)).toBe(before)
    expect(b.doc.getMap('meta').get('focusQuestion')).toBe('Does it last?')
  })

  it('loads from checkpoints after a restart, with nothing lost', async () => {
    await server.close(true)
    server = await startTestServer({ env: { CHECKPOINT_EVERY: '10' } })
    const { id } = await server.createBoard()
    const { token } = await server.invite(id, 'brand')
    const a = connect(id, token)
    await synced(a)
    for (let i = 0; i < 55; i++) addConcept(a.doc, `c${i}`, `concept ${i}`, i, i)
    const observer = connect(id, (await server.invite(id, 'viewer')).token)
    await waitFor(() => observer.doc.getMap('concepts').size === 55)
    const before = mapOf(observer.doc)
    for (const c of clients.splice(0)) c.destroy()
    server = await server.restart()
    const { readdir } = await import('node:fs/promises')
    expect((await readdir(`${server.dataDir}/boards/${id}/checkpoints`)).length).toBeGreaterThan(1)
    const b = connect(id, token)
    await synced(b)
    await waitFor(() => b.doc.getMap('concepts').size === 55)
    expect(mapOf(b.doc)).toBe(before)
  })

  it("removes a closed connection's awareness state at once", async () => {
    const { id } = await server.createBoard()
    const a = connect(id, (await server.invite(id, 'brand')).token)
    const b = connect(id, (await server.invite(id, 'customer')).token)
    await Promise.all([synced(a), synced(b)])
    b.provider.awareness.setLocalStateField('user', { name: 'Cy' })
    const bId = b.doc.clientID
    await waitFor(() => a.provider.awareness.getStates().get(bId)?.user?.name === 'Cy')
    // Drop the socket without the client saying goodbye, as a crashed tab would.
    ;(b.provider.ws as unknown as { terminate(): void }).terminate()
    b.provider.shouldConnect = false
    const t0 = Date.now()
    await waitFor(() => !a.provider.awareness.getStates().has(bId), 2000, 'awareness removal')
    expect(Date.now() - t0).toBeLessThan(1500)
  })

  it('answers a query-awareness message with every known state', async () => {
    const { id } = await server.createBoard()
    const a = connect(id, (await server.invite(id, 'brand')).token)
    await synced(a)
    a.provider.awareness.setLocalStateField('user', { name: 'Ann' })
    const b = connect(id, (await server.invite(id, 'customer')).token)
    await synced(b)
    // A fresh awareness that has never heard a broadcast learns the states only from the answer.
    const listener = new awarenessProtocol.Awareness(b.doc)
    listener.setLocalState(null)
    const ws = b.provider.ws as unknown as WebSocket & { onmessage: unknown }
    const answered = new Promise<void>((resolve) => {
      ;(b.provider.ws as any).addEventListener('message', (event: MessageEvent) => {
        const data = new Uint8Array(event.data as ArrayBuffer)
        if (data[0] === 1) {
          awarenessProtocol.applyAwarenessUpdate(listener, data.subarray(2), 'server')
          if (listener.getStates().get(a.doc.clientID)?.user?.name === 'Ann') resolve()
        }
      })
    })
    ws.send(new Uint8Array([3]))
    await answered
    expect(listener.getStates().get(a.doc.clientID)?.user).toMatchObject({ name: 'Ann' })
    listener.destroy()
  })

  it("refuses a viewer's updates: not applied, not relayed, not journaled, and says so", async () => {
    const { id } = await server.createBoard()
    const viewer = connect(id, (await server.invite(id, 'viewer', 'Vic')).token)
    const editor = connect(id, (await server.invite(id, 'brand')).token)
    await Promise.all([synced(viewer), synced(editor)])
    addConcept(viewer.doc, 'v', 'from the viewer')
    await waitFor(() => viewer.permissionDenied.length > 0, 3000, 'permission denied')
    expect(viewer.permissionDenied[0]).toMatch(/read-only/)
    addConcept(editor.doc, 'e', 'from the editor')
    await waitFor(() => viewer.doc.getMap('concepts').has('e'))
    expect(editor.doc.getMap('concepts').has('v')).toBe(false)
    for (const c of clients.splice(0)) c.destroy()
    server = await server.restart()
    const fresh = connect(id, (await server.invite(id, 'brand')).token)
    await synced(fresh)
    await waitFor(() => fresh.doc.getMap('concepts').has('e'))
    expect(fresh.doc.getMap('concepts').has('v')).toBe(false)
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addConcept, addLink, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { ManualClock } from '../support/manual-clock'
import { startTestServer, type TestServer } from '../support/server'

let server: TestServer
/** The server's time: each edit gets a moment of its own because the test moves it on. */
let clock: ManualClock
const clients: StockClient[] = []
beforeEach(async () => {
  clock = new ManualClock()
  server = await startTestServer({ clock, env: { CHECKPOINT_EVERY: '3' } })
})
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server.close(true)
})

const tick = () => clock.advance(15)

describe('GET /api/boards/:id/map?at=', () => {
  it('returns the map exactly as it stood between any two edits', async () => {
    const { id } = await server.createBoard('Travel', 'When?')
    const client = stockClient(server.wsUrl, id, (await server.invite(id, 'brand')).token)
    clients.push(client)
    await synced(client)
    const concepts = client.doc.getMap('concepts')
    const edits: Array<() => void> = [
      () => addConcept(client.doc, 'a', 'Delivery'),
      () => addConcept(client.doc, 'b', 'Trust'),
      () => addLink(client.doc, 'l', 'a', 'b', 'builds'),
      () => (concepts.get('b') as any).set('label', 'Customer trust'),
      () => (concepts.get('a') as any).set('x', 99),
      () => concepts.delete('b'),
      () => addConcept(client.doc, 'c', 'Price')
    ]
    const moments: Array<{ at: number; expected: string }> = []
    const observer = stockClient(server.wsUrl, id, (await server.invite(id, 'viewer')).token)
    clients.push(observer)
    await synced(observer)
    for (const edit of edits) {
      edit()
      const want = JSON.stringify(client.doc.getMap('concepts').toJSON())
      await waitFor(() => JSON.stringify(observer.doc.getMap('concepts').toJSON()) === want)
      tick()
      moments.push({ at: clock.now(), expected: want })
      tick()
    }
    for (const { at, expected } of moments) {
      const res = await server.api(`/api/boards/${id}/map?at=${at}`)
      expect(res.status).toBe(200)
      const map = (await res.json()) as { concepts: Array<{ id: string; label: string; x: number; y: number }>; links: unknown[]; title: string }
      const asDoc = Object.fromEntries(map.concepts.map((c) => [c.id, { label: c.label, x: c.x, y: c.y }]))
      expect(asDoc).toEqual(JSON.parse(expected))
      expect(map.title).toBe('Travel')
    }
    const withLink = (await (await server.api(`/api/boards/${id}/map?at=${moments[3]!.at}`)).json()) as { links: unknown[] }
    expect(withLink.links).toEqual([{ id: 'l', from: 'a', to: 'b', label: 'builds' }])
    // After b was deleted the link dangles: it is not a proposition, so it is not served.
    const dangling = (await (await server.api(`/api/boards/${id}/map?at=${moments[5]!.at}`)).json()) as { links: unknown[] }
    expect(dangling.links).toEqual([])
    const before = (await (await server.api(`/api/boards/${id}/map?at=1`)).json()) as { concepts: unknown[] }
    expect(before.concepts).toEqual([])
  })

  it('is for facilitators and admins, and checks `at`', async () => {
    const { id } = await server.createBoard()
    const brand = (await server.invite(id, 'brand')).token
    const facilitator = (await server.invite(id, 'facilitator')).token
    expect((await server.api(`/api/boards/${id}/map`, { token: brand })).status).toBe(403)
    expect((await server.api(`/api/boards/${id}/map`, { token: facilitator })).status).toBe(200)
    expect((await server.api(`/api/boards/${id}/map?at=yesterday`)).status).toBe(400)
    expect((await server.api(`/api/boards/nope/map`)).status).toBe(404)
  })
})

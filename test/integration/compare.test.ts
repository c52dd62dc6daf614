import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXPORT_FORMATS } from '../../shared/exchange/export-map'
import { addConcept, addLink, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { startTestServer, type TestServer } from '../support/server'

let server: TestServer
const clients: StockClient[] = []
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server.close(true)
})

async function join(boardId: string, role: 'brand' | 'customer'): Promise<StockClient> {
  const c = stockClient(server.wsUrl, boardId, (await server.invite(boardId, role)).token)
  clients.push(c)
  await synced(c)
  return c
}

/** A board where `who` writes each proposition (concepts and link) in turn. */
async function workshop(title: string, props: Array<[string, string, string, 'brand' | 'customer']>): Promise<string> {
  const { id } = await server.createBoard(title, 'What makes a delivery trustworthy?')
  const people = { brand: await join(id, 'brand'), customer: await join(id, 'customer') }
  let n = 0
  for (const [from, label, to, who] of props) {
    const doc = people[who].doc
    const a = `c${++n}`
    const b = `c${++n}`
    addConcept(doc, a, from)
    addConcept(doc, b, to)
    addLink(doc, `l${n}`, a, b, label)
    const other = people[who === 'brand' ? 'customer' : 'brand']
    await waitFor(() => other.doc.getMap('links').has(`l${n}`), 3000, 'the link everywhere')
  }
  return id
}

describe('GET /api/compare', () => {
  it('compares three workshops: profiles side by side, recurring propositions with boards and first side, a consensus map in every format', async () => {
    const a = await workshop('Group A', [
      ['Delivery', 'builds', 'Trust', 'brand'],
      ['Price', 'affects', 'Loyalty', 'customer']
    ])
    const b = await workshop('Group B', [['price', 'Affects', ' loyalty', 'brand']])
    const c = await workshop('Group C', [
      ['Price', 'affects', 'Loyalty', 'brand'],
      ['delivery', 'builds', 'trust', 'customer'],
      ['App', 'causes', 'Frustration', 'customer']
    ])
    const res = await server.api(`/api/compare?boards=${a},${b},${c}`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      k: number
      boards: Array<{ id: string; title: string; metrics: { balance: number | null; stream: unknown } }>
      propositions: Array<{ key: string; boards: number; firstSide: string | null; on: Array<{ board: string; side: string | null }> }>
    }
    expect(body.boards.map((x) => [x.id, x.title])).toEqual([
      [a, 'Group A'],
      [b, 'Group B'],
      [c, 'Group C']
    ])
    // Group B: only the brand wrote (3 content events): balance 0. Group A: 3 and 3: balance 1.
    expect(body.boards.map((x) => x.metrics.balance)).toEqual([1, 0, 1 - 3 / 9])
    expect(body.k).toBe(2)
    // Price/affects/loyalty: A (customer, first), then B (brand), then C. Delivery/builds/trust: A (brand), C.
    expect(body.propositions.map((p) => [p.key, p.boards, p.firstSide, p.on.map((o) => `${o.board === a ? 'A' : o.board === b ? 'B' : 'C'}:${o.side}`)])).toEqual([
      ['price|affects|loyalty', 3, 'U', ['A:U', 'B:B', 'C:B']],
      ['delivery|builds|trust', 2, 'B', ['A:B', 'C:U']]
    ])
    const three = (await (await server.api(`/api/compare?boards=${a},${b},${c}&k=3`)).json()) as typeof body
    expect(three.propositions.map((p) => p.key)).toEqual(['price|affects|loyalty'])

    for (const format of EXPORT_FORMATS) {
      const file = await server.api(`/api/compare/export?boards=${a},${b},${c}&k=2&format=${format}`)
      expect([format, file.status]).toEqual([format, 200])
      const bytes = new Uint8Array(await file.arrayBuffer())
      expect(bytes.byteLength).toBeGreaterThan(50)
      if (format === 'json') {
        const map = JSON.parse(new TextDecoder().decode(bytes)) as { concepts: Array<{ label: string }>; links: Array<{ label: string }> }
        expect(map.concepts.map((x) => x.label).sort()).toEqual(['Delivery', 'Price', 'Trust', 'Loyalty'].sort())
        expect(map.links.map((x) => x.label).sort()).toEqual(['affects', 'builds'])
      }
      if (format === 'mermaid') expect(new TextDecoder().decode(bytes)).toContain('builds')
    }
  })

  it('is for the admin only, and checks its parameters', async () => {
    const { id } = await server.createBoard()
    const other = await server.createBoard()
    const facilitator = await server.invite(id, 'facilitator')
    expect((await server.api(`/api/compare?boards=${id},${other.id}`, { token: facilitator.token })).status).toBe(403)
    expect((await server.api(`/api/compare?boards=${id}`)).status).toBe(400)
    expect((await server.api(`/api/compare?boards=${id},${id}`)).status).toBe(400)
    expect((await server.api(`/api/compare?boards=${id},nope`)).status).toBe(404)
    expect((await server.api(`/api/compare?boards=${id},${other.id}:no-such-session`)).status).toBe(404)
    expect((await server.api(`/api/compare/export?boards=${id},${other.id}&format=pdf`)).status).toBe(400)
    expect((await server.api(`/api/compare?boards=${id},${other.id}&k=x`)).status).toBe(400)
  })
})

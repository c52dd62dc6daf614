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

  it('compares two sessions of one board and another board: each session’s map as it left it, its own profile, known overlaps', async () => {
    const { id: x } = await server.createBoard('Group X', 'What makes a delivery trustworthy?')
    const brand = await join(x, 'brand')
    const customer = await join(x, 'customer')
    const post = async (path: string, body?: unknown) => {
      const res = await server.api(`/api/boards/${x}${path}`, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
      expect(res.status, path).toBeLessThan(300)
      return (await res.json()) as { id: string; name: string; start: number; end: number | null }
    }
    // The journal has them before the session ends (history lists what the server recorded).
    const recorded = async (n: number) => {
      for (let i = 0; i < 100; i++) {
        const { events } = (await (await server.api(`/api/boards/${x}/history`)).json()) as { events: unknown[] }
        if (events.length === n) return
        await new Promise((r) => setTimeout(r, 50))
      }
      throw new Error(`${n} events were not recorded`)
    }
    const write = (who: StockClient, n: number, [from, label, to]: [string, string, string]) => {
      addConcept(who.doc, `c${n}a`, from)
      addConcept(who.doc, `c${n}b`, to)
      addLink(who.doc, `l${n}`, `c${n}a`, `c${n}b`, label)
    }

    // Morning: the brand writes Delivery builds Trust, the customer Price affects Loyalty.
    const morning = await post('/sessions/start', { name: 'Morning' })
    write(brand, 1, ['Delivery', 'builds', 'Trust'])
    write(customer, 2, ['Price', 'affects', 'Loyalty'])
    await recorded(6)
    await post('/sessions/end')
    // Afternoon: the customer writes App causes Frustration; the brand deletes Price affects Loyalty.
    const afternoon = await post('/sessions/start', { name: 'Afternoon' })
    write(customer, 3, ['App', 'causes', 'Frustration'])
    await waitFor(() => brand.doc.getMap('links').has('l3'), 3000, 'l3 at the brand')
    brand.doc.getMap('links').delete('l2')
    await recorded(10)
    await post('/sessions/end')
    // Another group, later: the customer writes delivery builds trust, the brand app causes frustration.
    const y = await workshop('Group Y', [
      ['delivery', 'builds', 'trust', 'customer'],
      ['App', 'causes', 'frustration', 'brand']
    ])

    const targets = [`${x}:${morning.id}`, `${x}:${afternoon.id}`, y]
    const body = (await (await server.api(`/api/compare?boards=${targets.join(',')}`)).json()) as {
      boards: Array<{ id: string; board: string; session: string | null; title: string; at: number; metrics: { balance: number | null } }>
      propositions: Array<{ key: string; boards: number; firstSide: string | null; on: Array<{ board: string; side: string | null }> }>
    }
    expect(body.boards.map((b) => [b.id, b.board, b.session, b.title])).toEqual([
      [targets[0], x, morning.id, 'Group X - Morning'],
      [targets[1], x, afternoon.id, 'Group X - Afternoon'],
      [y, y, null, 'Group Y']
    ])
    // Each session scored alone: the morning 3 brand and 3 customer events (balance 1); the
    // afternoon 3 customer and 1 brand event (1 − 2/4 = 0.5); Group Y 3 and 3.
    expect(body.boards.map((b) => b.metrics.balance)).toEqual([1, 0.5, 1])
    // The same profiles as GET …/metrics gives for each scope at the compared moment.
    for (const b of body.boards) {
      const scope = b.session ? `session=${b.session}&` : ''
      const same = (await (await server.api(`/api/boards/${b.board}/metrics?${scope}at=${b.at}`)).json()) as { metrics: unknown }
      expect(same.metrics, b.id).toEqual(b.metrics)
    }
    // The morning's map still holds Price affects Loyalty (deleted in the afternoon), so it recurs in neither;
    // Delivery builds Trust is in all three, first written by the brand in the morning (left as it was);
    // App causes Frustration in the afternoon (customer) and Group Y (brand).
    const name = (board: string) => (board === targets[0] ? 'AM' : board === targets[1] ? 'PM' : 'Y')
    const summary = (list: typeof body.propositions) => list.map((p) => [p.key, p.boards, p.firstSide, p.on.map((o) => `${name(o.board)}:${o.side}`)])
    expect(summary(body.propositions)).toEqual([
      ['delivery|builds|trust', 3, 'B', ['AM:B', 'PM:B', 'Y:U']],
      ['app|causes|frustration', 2, 'U', ['PM:U', 'Y:B']]
    ])
    const all = (await (await server.api(`/api/compare?boards=${targets.join(',')}&k=1`)).json()) as typeof body
    expect(summary(all.propositions).at(-1)).toEqual(['price|affects|loyalty', 1, 'U', ['AM:U']])
    expect(all.propositions).toHaveLength(3)
    // The consensus of the three: the two recurring propositions.
    const consensus = (await (await server.api(`/api/compare/export?boards=${targets.join(',')}&format=txt`)).text()).trim().split('\n')
    expect(consensus.sort()).toEqual(['App — causes → Frustration', 'Delivery — builds → Trust'])
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

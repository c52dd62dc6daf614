import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { GROUP_COLORS } from '../../shared/exchange/color'
import type { ReportData } from '../../shared/report/report-data'
import { addConcept, addLink, mapOf, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { startTestServer, type TestServer } from '../support/server'

const json = async <T>(res: Response | Promise<Response>): Promise<T> => {
  const r = await res
  if (!r.ok) throw new Error(`${r.status} ${await r.text()}`)
  return (await r.json()) as T
}

describe('GET /api/boards/:id/report', () => {
  let s: TestServer
  const clients: StockClient[] = []
  let id = ''
  let sessionId = ''
  const tokens: Record<string, string> = {}
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    s = await startTestServer()
    ;({ id } = await s.createBoard('Delivery', 'What builds trust?'))
    const other = await s.createBoard('Elsewhere')
    const invites = await Promise.all([
      s.invite(id, 'brand', 'Bea'),
      s.invite(id, 'brand', 'Bo'),
      s.invite(id, 'customer', 'Carl'),
      s.invite(id, 'viewer', 'Vic'),
      s.invite(id, 'facilitator', 'Fay'),
      s.invite(other.id, 'facilitator', 'Olga')
    ])
    ;['bea', 'bo', 'carl', 'vic', 'fay', 'olga'].forEach((k, i) => {
      tokens[k] = invites[i]!.token
      ids[k] = invites[i]!.participantId
    })
    const started = await json<{ id: string }>(s.api(`/api/boards/${id}/sessions/start`, { method: 'POST', body: '{"name":"Workshop"}', token: tokens.fay }))
    sessionId = started.id
    const bea = stockClient(s.wsUrl, id, tokens.bea!)
    const bo = stockClient(s.wsUrl, id, tokens.bo!)
    const carl = stockClient(s.wsUrl, id, tokens.carl!)
    clients.push(bea, bo, carl)
    await Promise.all([synced(bea), synced(bo), synced(carl)])
    const edit = async (client: StockClient, change: (doc: Y.Doc) => void) => {
      change(client.doc)
      const want = mapOf(client.doc)
      await waitFor(() => clients.every((c) => mapOf(c.doc) === want), 10_000, 'edit to arrive')
    }
    await edit(bea, (d) => addConcept(d, 'a', 'Delivery'))
    await edit(carl, (d) => addConcept(d, 'b', 'Trust', 300, 0))
    await edit(carl, (d) => addLink(d, 'l', 'a', 'b', 'builds'))
    await edit(bea, (d) => d.getMap<Y.Map<unknown>>('concepts').get('b')!.set('label', 'Customer trust'))
    await edit(carl, (d) => d.getMap<Y.Map<unknown>>('concepts').get('a')!.set('x', 40))
    const pulse = (token: string, body: object) => json(s.api(`/api/boards/${id}/pulse`, { method: 'POST', body: JSON.stringify(body), token }))
    await pulse(tokens.bea!, { understood: 4, learned: 5, represents: 3 })
    await pulse(tokens.carl!, { understood: 2, represents: 5 })
    await json(s.api(`/api/boards/${id}/sessions/end`, { method: 'POST', body: '{}', token: tokens.fay }))
  }, 60_000)

  afterAll(async () => {
    for (const c of clients) c.destroy()
    await s?.close(true)
  })

  it('gives the same profile and baseline as the metrics endpoint, with values worked by hand', async () => {
    for (const q of ['', `?session=${sessionId}`]) {
      const report = await json<ReportData>(s.api(`/api/boards/${id}/report${q}`, { token: tokens.fay }))
      const metrics = await json<{ metrics: unknown; baseline: unknown }>(
        s.api(`/api/boards/${id}/metrics${q ? `${q}&` : '?'}baseline=1`, { token: tokens.fay })
      )
      expect(report.profile).toEqual(metrics.metrics)
      expect(report.baseline).toEqual(metrics.baseline)
      const p = report.profile
      // content events: Bea 2 (create a, relabel b), Carl 2 (create b, link l); the move is not content
      expect(p.balance).toBe(1)
      // Bo connected and did nothing: x = (2, 2, 0) → Gini 8 / (2 · 9 · 4/3) = 1/3
      expect(p.equity).toBeCloseTo(2 / 3, 12)
      // Carl's link builds on Bea's concept, Bea's relabel on Carl's concept
      expect(p.uptake).toEqual({ brand: 1 / 2, customer: 1 / 2 })
      expect(p.reciprocity).toBe(1)
      expect(p.commonGround).toBe(1)
      expect(p.bridging).toBe(1)
      expect(p.pulse.understood).toEqual({ brand: 4, customer: 2, overall: 3, count: { brand: 1, customer: 1 } })
      expect(p.pulse.learned).toEqual({ brand: 5, customer: null, overall: 5, count: { brand: 1, customer: 0 } })
    }
  })

  it('holds the board, sessions, timeline, contributions, network and pulse answers', async () => {
    const report = await json<ReportData>(s.api(`/api/boards/${id}/report?session=${sessionId}`, { token: tokens.fay }))
    expect(report.board).toEqual({ id, title: 'Delivery', focusQuestion: 'What builds trust?' })
    expect(report.session).toMatchObject({ id: sessionId, name: 'Workshop', kind: 'marked', open: false })
    expect(report.sessions.map((x) => x.id)).toContain(sessionId)
    expect(report.from).toBe(report.session!.start)
    expect(report.at).toBe(report.session!.end)

    // 24 evenly spaced samples (fewer only if the session lasted under 23 ms), plus the session-end snapshot
    const samples = report.timeline.filter((t) => t.source === 'sample')
    expect(samples.length).toBeGreaterThan(1)
    expect(samples[0]!.at).toBe(report.from)
    expect(samples.at(-1)!.at).toBe(report.at)
    expect(samples.at(-1)!.metrics).toEqual(report.profile)
    expect(report.timeline.some((t) => t.source === 'snapshot' && t.at === report.at && /Workshop/.test(t.name ?? ''))).toBe(true)
    for (let i = 1; i < report.timeline.length; i++) expect(report.timeline[i]!.at).toBeGreaterThanOrEqual(report.timeline[i - 1]!.at)
    // at the first moment nothing had happened yet
    expect(samples[0]!.metrics.balance).toBeNull()

    const byName = Object.fromEntries(report.contributions.people.map((c) => [c.person.name, c]))
    expect(byName.Bea).toMatchObject({ content: 2, create: 1, relabel: 1, uptake: 1, person: { id: ids.bea, role: 'brand', group: 'B' } })
    expect(byName.Carl).toMatchObject({ content: 2, create: 2, move: 1, uptake: 1, person: { id: ids.carl, group: 'U' } })
    expect(byName.Bo).toMatchObject({ content: 0, uptake: 0 })
    expect(report.contributions.groups).toMatchObject([
      { group: 'B', people: 2, content: 2, uptake: 1 },
      { group: 'U', people: 1, content: 2, uptake: 1 }
    ])
    expect(report.network.nodes.sort()).toEqual([ids.bea, ids.bo, ids.carl].sort())
    expect(report.network.edges).toEqual(
      [
        { from: ids.bea!, to: ids.carl!, weight: 1, uptake: true },
        { from: ids.carl!, to: ids.bea!, weight: 1, uptake: true }
      ].sort((a, b) => (a.from < b.from ? -1 : 1))
    )
    expect(report.pulse.understood).toEqual({ B: { counts: [0, 0, 0, 1, 0], refused: 0 }, U: { counts: [0, 1, 0, 0, 0], refused: 0 } })
    expect(report.pulse.learned.U).toEqual({ counts: [0, 0, 0, 0, 0], refused: 1 })
  })

  it('answers the admin too', async () => {
    const res = await s.api(`/api/boards/${id}/report`)
    expect(res.status).toBe(200)
  })

  it('serves the map’s picture apart (GET …/report/picture at the report’s T), drawn once while the map stays the same and anew when it changes', async () => {
    const report = () => json<ReportData>(s.api(`/api/boards/${id}/report`, { token: tokens.fay }))
    const picture = async (query: string) => {
      const res = await s.api(`/api/boards/${id}/report/picture${query}`, { token: tokens.fay })
      expect(res.status, await res.clone().text()).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/)
      return res.text()
    }
    const data = await report()
    // The report itself carries no picture: it does not wait for one.
    expect(Object.keys(data)).not.toContain('mapSvg')
    const first = await picture(`?at=${data.at}`)
    expect(first).toMatch(/^<svg[^>]*>[\s\S]*<\/svg>$/)
    expect(first).toContain('Customer trust')
    // Outlined by the side that created each element: Bea's concept in the brand's colour, Carl's in the customers'.
    expect(first).toContain(GROUP_COLORS.B)
    expect(first).toContain(GROUP_COLORS.U)
    expect(await picture(`?at=${data.at}`)).toBe(first)
    expect(await picture('')).toBe(first)
    const [bea, , carl] = clients
    bea!.doc.getMap<Y.Map<unknown>>('concepts').get('b')!.set('label', 'Lasting trust')
    await waitFor(() => mapOf(carl!.doc) === mapOf(bea!.doc), 10_000, 'relabel to arrive')
    const changed = await picture(`?at=${(await report()).at}`)
    expect(changed).toContain('Lasting trust')
    expect(changed).not.toContain('Customer trust')
    // At the earlier report's moment: the map as it stood then.
    expect(await picture(`?at=${data.at}`)).toContain('Customer trust')
    // A session's picture is the map as the session ended, also when asked for later than that.
    const ended = await json<ReportData>(s.api(`/api/boards/${id}/report?session=${sessionId}`, { token: tokens.fay }))
    expect(await picture(`?session=${sessionId}&at=${ended.at}`)).toContain('Customer trust')
    expect(await picture(`?session=${sessionId}&at=${Date.now() + 60_000}`)).toContain('Customer trust')
    expect(await picture(`?session=${sessionId}`)).toContain('Customer trust')
  })

  it('refuses a picture to whoever may not read the report, and a moment that is not one', async () => {
    for (const who of ['vic', 'bea', 'carl', 'olga']) {
      const res = await s.api(`/api/boards/${id}/report/picture`, { token: tokens[who] })
      expect(res.status, who).toBe(403)
      expect(((await res.json()) as { error: string }).error).toBeTruthy()
    }
    expect((await s.api(`/api/boards/${id}/report/picture?session=nope`, { token: tokens.fay })).status).toBe(404)
    const bad = await s.api(`/api/boards/${id}/report/picture?at=soon`, { token: tokens.fay })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: string }).error).toMatch(/at must be epoch milliseconds/)
    expect((await fetch(`${s.url}/api/boards/${id}/report/picture`)).status).toBe(401)
  })

  it('refuses viewers, brand, customers and other boards’ facilitators (403), unknown sessions and boards (404), no token (401)', async () => {
    for (const who of ['vic', 'bea', 'carl', 'olga']) {
      const res = await s.api(`/api/boards/${id}/report`, { token: tokens[who] })
      expect(res.status, who).toBe(403)
      expect(((await res.json()) as { error: string }).error).toBeTruthy()
    }
    expect((await s.api(`/api/boards/${id}/report?session=nope`, { token: tokens.fay })).status).toBe(404)
    expect((await s.api(`/api/boards/unknown-board/report`, { token: tokens.fay })).status).toBe(404)
    expect((await fetch(`${s.url}/api/boards/${id}/report`)).status).toBe(401)
  })
})

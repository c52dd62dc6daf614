import { afterEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { addConcept, addLink, mapOf, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { ManualClock } from '../support/manual-clock'
import { startTestServer, type TestServer } from '../support/server'
import type { BoardSession } from '../../shared/api/sessions'
import type { HistoryPage } from '../../shared/api/history'
import type { Snapshot as FullSnapshot, TakenSnapshot } from '../../shared/api/snapshots'

let server: TestServer | undefined
const clients: StockClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server?.close(true)
  server = undefined
})

/** `clock`: the server's time, for tests that move it on (session gaps, moments between edits) instead of sleeping. */
async function start(env: Record<string, string> = {}, clock?: ManualClock) {
  server = await startTestServer({ env, clock })
  return server
}

/** A brand, a customer and a viewer watching, all stock clients on a new board. */
async function people(s: TestServer) {
  const { id } = await s.createBoard('Delivery', 'What builds trust?')
  const [b, c, v] = await Promise.all([s.invite(id, 'brand', 'Bea'), s.invite(id, 'customer', 'Carl'), s.invite(id, 'viewer')])
  const brand = stockClient(s.wsUrl, id, b.token)
  const customer = stockClient(s.wsUrl, id, c.token)
  const observer = stockClient(s.wsUrl, id, v.token)
  clients.push(brand, customer, observer)
  await Promise.all([synced(brand), synced(customer), synced(observer)])
  /** Runs an edit on one client and waits until the observer has it (the server accepted it). */
  const edit = async (client: StockClient, change: (doc: Y.Doc) => void) => {
    change(client.doc)
    const want = mapOf(client.doc)
    await waitFor(() => mapOf(observer.doc) === want && mapOf(brand.doc) === want && mapOf(customer.doc) === want, 5000, 'edit to arrive')
  }
  return { id, brand, customer, observer, brandId: b.participantId, customerId: c.participantId, edit }
}

const json = async <T>(res: Response | Promise<Response>): Promise<T> => {
  const r = await res
  if (!r.ok) throw new Error(`${r.status} ${await r.text()}`)
  return (await r.json()) as T
}

describe('GET /api/boards/:id/history', () => {
  it('lists every event with its participant, kind and element, oldest first, in pages', async () => {
    const s = await start()
    const p = await people(s)
    const concept = (doc: Y.Doc, id: string) => doc.getMap<Y.Map<unknown>>('concepts').get(id)!
    await p.edit(p.brand, (d) => addConcept(d, 'a', 'Delivery'))
    await p.edit(p.customer, (d) => addConcept(d, 'b', 'Trust'))
    await p.edit(p.customer, (d) => addLink(d, 'l', 'a', 'b', 'builds'))
    await p.edit(p.brand, (d) => concept(d, 'b').set('label', 'Customer trust'))
    await p.edit(p.brand, (d) => concept(d, 'a').set('x', 120))
    await p.edit(p.customer, (d) => concept(d, 'a').set('color', '#ff0000'))
    await p.edit(p.customer, (d) => d.getMap('concepts').delete('b'))

    const { events, next } = await json<HistoryPage>(s.api(`/api/boards/${p.id}/history`))
    expect(next).toBeNull()
    const bea = { id: p.brandId, name: 'Bea', role: 'brand' }
    const carl = { id: p.customerId, name: 'Carl', role: 'customer' }
    expect(events.map((e) => ({ seq: e.seq, participant: e.participant, kind: e.kind, element: e.element }))).toEqual([
      { seq: 1, participant: bea, kind: 'create', element: { type: 'concept', id: 'a', label: 'Delivery' } },
      { seq: 2, participant: carl, kind: 'create', element: { type: 'concept', id: 'b', label: 'Trust' } },
      { seq: 3, participant: carl, kind: 'create', element: { type: 'link', id: 'l', from: 'a', to: 'b', label: 'builds' } },
      { seq: 4, participant: bea, kind: 'relabel', element: { type: 'concept', id: 'b', label: 'Customer trust' } },
      { seq: 5, participant: bea, kind: 'move', element: { type: 'concept', id: 'a', label: 'Delivery' } },
      { seq: 6, participant: carl, kind: 'restyle', element: { type: 'concept', id: 'a', label: 'Delivery' } },
      { seq: 7, participant: carl, kind: 'delete', element: { type: 'concept', id: 'b' } }
    ])
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.update).toBeGreaterThan(events[i - 1]!.update)
      expect(events[i]!.at).toBeGreaterThanOrEqual(events[i - 1]!.at)
    }

    const first = await json<HistoryPage>(s.api(`/api/boards/${p.id}/history?limit=3`))
    expect(first.events.map((e) => e.seq)).toEqual([1, 2, 3])
    expect(first.next).toBe(3)
    const second = await json<HistoryPage>(s.api(`/api/boards/${p.id}/history?after=3&limit=3`))
    expect(second.events.map((e) => e.seq)).toEqual([4, 5, 6])
    const last = await json<HistoryPage>(s.api(`/api/boards/${p.id}/history?after=6&limit=3`))
    expect(last.events.map((e) => e.seq)).toEqual([7])
    expect(last.next).toBeNull()

    // The same history survives a restart (read back from the derived files, not from memory).
    server = await s.restart()
    expect((await json<HistoryPage>(server.api(`/api/boards/${p.id}/history`))).events).toEqual(events)
  })

  it('is for facilitators and admins, and checks its parameters', async () => {
    const s = await start()
    const { id } = await s.createBoard()
    const brand = (await s.invite(id, 'brand')).token
    const facilitator = (await s.invite(id, 'facilitator')).token
    expect((await s.api(`/api/boards/${id}/history`, { token: brand })).status).toBe(403)
    expect((await s.api(`/api/boards/${id}/history`, { token: facilitator })).status).toBe(200)
    expect((await s.api(`/api/boards/${id}/history?after=-1`)).status).toBe(400)
    expect((await s.api(`/api/boards/${id}/history?session=nope`)).status).toBe(404)
    expect((await s.api(`/api/boards/nope/history`)).status).toBe(404)
    expect((await s.api(`/api/boards/${id}/snapshots`, { token: brand })).status).toBe(403)
    expect((await s.api(`/api/boards/${id}/metrics`, { token: brand })).status).toBe(403)
    expect((await s.api(`/api/boards/${id}/sessions/start`, { method: 'POST', token: brand })).status).toBe(403)
  })
})

describe('sessions', () => {
  it('splits activity at quiet gaps, keeps marked sessions, and scopes history, maps and metrics to one', async () => {
    const clock = new ManualClock()
    const s = await start({ SESSION_GAP_MS: '500' }, clock)
    const p = await people(s)
    await p.edit(p.brand, (d) => addConcept(d, 'a', 'Delivery'))
    await p.edit(p.customer, (d) => addConcept(d, 'b', 'Trust'))
    const afterFirst = clock.now()
    clock.advance(700)
    await p.edit(p.customer, (d) => addLink(d, 'l', 'a', 'b', 'builds'))

    let { sessions } = await json<{ sessions: BoardSession[] }>(s.api(`/api/boards/${p.id}/sessions`))
    expect(sessions.map((x) => [x.kind, x.open])).toEqual([
      ['activity', false],
      ['activity', true]
    ])
    expect(sessions[0]!.end).toBeLessThanOrEqual(afterFirst)
    const firstHistory = await json<HistoryPage>(s.api(`/api/boards/${p.id}/history?session=${sessions[0]!.id}`))
    expect(firstHistory.events.map((e) => e.element.id)).toEqual(['a', 'b'])
    const secondHistory = await json<HistoryPage>(s.api(`/api/boards/${p.id}/history?session=${sessions[1]!.id}`))
    expect(secondHistory.events.map((e) => e.element.id)).toEqual(['l'])
    const firstMap = await json<{ links: unknown[]; concepts: unknown[] }>(s.api(`/api/boards/${p.id}/map?session=${sessions[0]!.id}`))
    expect(firstMap.concepts).toHaveLength(2)
    expect(firstMap.links).toEqual([])
    const scoped = await json<{ at: number; metrics: { balance: number } }>(s.api(`/api/boards/${p.id}/metrics?session=${sessions[0]!.id}`))
    expect(scoped.at).toBe(sessions[0]!.end)
    expect(scoped.metrics.balance).toBe(1)

    // A marked session, started and ended by the facilitator.
    clock.advance(10)
    const started = await s.api(`/api/boards/${p.id}/sessions/start`, { method: 'POST', body: JSON.stringify({ name: 'Workshop' }) })
    expect(started.status).toBe(201)
    const mark = (await started.json()) as BoardSession
    expect(mark).toMatchObject({ name: 'Workshop', kind: 'marked', open: true })
    expect((await s.api(`/api/boards/${p.id}/sessions/start`, { method: 'POST' })).status).toBe(409)
    clock.advance(10)
    await p.edit(p.brand, (d) => d.getMap<Y.Map<unknown>>('concepts').get('b')!.set('label', 'Customer trust'))
    clock.advance(10)
    const ended = await json<BoardSession>(s.api(`/api/boards/${p.id}/sessions/end`, { method: 'POST' }))
    expect(ended).toMatchObject({ id: mark.id, open: false })
    expect((await s.api(`/api/boards/${p.id}/sessions/end`, { method: 'POST' })).status).toBe(409)
    const marked = await json<HistoryPage>(s.api(`/api/boards/${p.id}/history?session=${mark.id}`))
    expect(marked.events.map((e) => e.kind)).toEqual(['relabel'])
    ;({ sessions } = await json<{ sessions: BoardSession[] }>(s.api(`/api/boards/${p.id}/sessions`)))
    expect(sessions.find((x) => x.id === mark.id)).toMatchObject({ kind: 'marked', open: false, end: ended.end })

    // The stretch of activity before the marked session has ended too (a mark began after it: no
    // more activity can join it), though its gap has not passed.
    expect(sessions.map((x) => [x.kind, x.open])).toEqual([
      ['activity', false],
      ['activity', false],
      ['marked', false]
    ])
    // Every ended session has its session-end snapshot, holding the map as the session left it.
    const { snapshots } = await json<{ snapshots: Array<{ id: string; kind: string; at: number }> }>(s.api(`/api/boards/${p.id}/snapshots`))
    const ends = snapshots.filter((x) => x.kind === 'session-end')
    expect(ends.map((x) => x.at).sort()).toEqual([sessions[0]!.end, sessions[1]!.end, ended.end].sort())
    const firstEnd = await json<{ map: { concepts: unknown[]; links: unknown[] } }>(
      s.api(`/api/boards/${p.id}/snapshots/${ends.find((x) => x.at === sessions[0]!.end)!.id}`)
    )
    expect(firstEnd.map.concepts).toHaveLength(2)
    expect(firstEnd.map.links).toEqual([])
  })
})

describe('POST /api/boards/:id/sessions/end with no session started', () => {
  it('ends the stretch of activity people just had, from its first edit, and pulse answers attach to it', async () => {
    const clock = new ManualClock()
    const s = await start({}, clock)
    const p = await people(s)
    await p.edit(p.brand, (d) => addConcept(d, 'a', 'Delivery'))
    clock.advance(60)
    await p.edit(p.customer, (d) => addConcept(d, 'b', 'Trust'))
    const firstAt = (await json<HistoryPage>(s.api(`/api/boards/${p.id}/history`))).events[0]!.at

    const ended = await json<BoardSession>(s.api(`/api/boards/${p.id}/sessions/end`, { method: 'POST' }))
    expect(ended).toMatchObject({ kind: 'marked', open: false, start: firstAt })
    expect(ended.end - ended.start).toBeGreaterThanOrEqual(60)
    const { sessions } = await json<{ sessions: BoardSession[] }>(s.api(`/api/boards/${p.id}/sessions`))
    expect(sessions.map((x) => [x.id, x.kind])).toEqual([[ended.id, 'marked']])
    const scoped = await json<HistoryPage>(s.api(`/api/boards/${p.id}/history?session=${ended.id}`))
    expect(scoped.events.map((e) => e.element.label)).toEqual(['Delivery', 'Trust'])
    const brand = await s.invite(p.id, 'brand', 'Bo')
    const pulse = await json<{ session: string }>(s.api(`/api/boards/${p.id}/pulse`, { method: 'POST', token: brand.token, body: '{"understood":4}' }))
    expect(pulse.session).toBe(ended.id)
    // Nothing happened since: there is nothing to end.
    expect((await s.api(`/api/boards/${p.id}/sessions/end`, { method: 'POST' })).status).toBe(409)
  })
})

/** Each snapshot route's answer: the summary and its metrics, and the frozen map where the route gives it. */
type Snapshot = TakenSnapshot & Partial<Pick<FullSnapshot, 'map'>>

describe('snapshots', () => {
  it('are taken every interval while a board changes, and not while it is idle', async () => {
    // The interval runs on the server's clock: each one is time moved on, not slept.
    const clock = new ManualClock()
    const s = await start({ SNAPSHOT_INTERVAL_MS: '300' }, clock)
    const p = await people(s)
    await p.edit(p.brand, (d) => addConcept(d, 'a', 'Delivery'))
    const scheduled = async () =>
      (await json<{ snapshots: Snapshot[] }>(s.api(`/api/boards/${p.id}/snapshots`))).snapshots.filter((x) => x.kind === 'scheduled')
    const edited = clock.now()
    clock.advance(300)
    await expect.poll(async () => (await scheduled()).length, { timeout: 5000, interval: 20 }).toBe(1)
    const first = await json<Snapshot>(s.api(`/api/boards/${p.id}/snapshots/${(await scheduled())[0]!.id}`))
    expect(first.map!.concepts.map((c) => c.label)).toEqual(['Delivery'])
    expect(first.at).toBe(edited + 300)
    // Four idle intervals: an idle tick decides at once (nothing changed) and takes nothing.
    for (let i = 0; i < 4; i++) clock.advance(300)
    expect((await scheduled()).length).toBe(1)
    await p.edit(p.customer, (d) => addConcept(d, 'b', 'Trust'))
    clock.advance(300)
    await expect.poll(async () => (await scheduled()).length, { timeout: 5000, interval: 20 }).toBe(2)
    expect((await scheduled())[1]!.at).toBe(edited + 6 * 300)
  })

  it('are made by hand with a name, keep map and metrics, and compare', async () => {
    const s = await start()
    const p = await people(s)
    await p.edit(p.brand, (d) => addConcept(d, 'a', 'Delivery'))
    await p.edit(p.customer, (d) => addConcept(d, 'b', 'Trust'))
    await p.edit(p.customer, (d) => addLink(d, 'l', 'a', 'b', 'builds'))
    const res = await s.api(`/api/boards/${p.id}/snapshots`, { method: 'POST', body: JSON.stringify({ name: 'Before lunch' }) })
    expect(res.status).toBe(201)
    const before = (await res.json()) as Snapshot
    expect(before).toMatchObject({ name: 'Before lunch', kind: 'manual' })
    expect(before.metrics?.structure.NP).toBe(1)
    expect(before.metrics?.balance).toBeCloseTo(1 - 1 / 3, 9)

    await p.edit(p.brand, (d) => d.getMap<Y.Map<unknown>>('concepts').get('b')!.set('label', 'Customer trust'))
    await p.edit(p.brand, (d) => addConcept(d, 'c', 'Price'))
    await p.edit(p.brand, (d) => addLink(d, 'm', 'a', 'c', 'affects'))
    await p.edit(p.customer, (d) => d.getMap<Y.Map<unknown>>('links').get('l')!.set('label', 'earns'))
    await p.edit(p.customer, (d) => d.getMap('concepts').delete('a'))
    await p.edit(p.customer, (d) => addConcept(d, 'd', 'Speed'))
    const after = await json<Snapshot>(s.api(`/api/boards/${p.id}/snapshots`, { method: 'POST', body: '{}' }))

    const got = await json<Snapshot>(s.api(`/api/boards/${p.id}/snapshots/${before.id}`))
    expect(got.map!.concepts.map((c) => c.label)).toEqual(['Delivery', 'Trust'])
    expect(got.metrics).toEqual(before.metrics)
    const list = await json<{ snapshots: Snapshot[] }>(s.api(`/api/boards/${p.id}/snapshots`))
    expect(list.snapshots.map((x) => x.id)).toEqual([before.id, after.id])

    const cmp = await json<{ changes: any }>(s.api(`/api/boards/${p.id}/snapshots/compare?a=${before.id}&b=${after.id}`))
    expect(cmp.changes.concepts.added.map((c: { label: string }) => c.label).sort()).toEqual(['Price', 'Speed'])
    expect(cmp.changes.concepts.removed.map((c: { label: string }) => c.label)).toEqual(['Delivery'])
    expect(cmp.changes.concepts.relabelled).toEqual([{ id: 'b', before: 'Trust', after: 'Customer trust' }])
    // Both propositions lost their concept "Delivery": l is gone, m never became one.
    expect(cmp.changes.propositions.removed.map((x: { sentence: string }) => x.sentence)).toEqual(['Delivery builds Trust'])
    expect(cmp.changes.propositions.added).toEqual([])
    expect((await s.api(`/api/boards/${p.id}/snapshots/compare?a=${before.id}&b=nope`)).status).toBe(404)
    expect((await s.api(`/api/boards/${p.id}/snapshots/nope`)).status).toBe(404)
    expect((await s.api(`/api/boards/${p.id}/snapshots`, { method: 'POST', body: '{"at":"soon"}' })).status).toBe(400)
  })
})

describe('GET /api/boards/:id/metrics', () => {
  it('scores the board as of now or of a moment', async () => {
    const clock = new ManualClock()
    const s = await start({}, clock)
    const p = await people(s)
    await p.edit(p.brand, (d) => addConcept(d, 'a', 'Delivery'))
    const middle = clock.now()
    clock.advance(5)
    await p.edit(p.customer, (d) => addConcept(d, 'b', 'Trust'))
    await p.edit(p.customer, (d) => addLink(d, 'l', 'a', 'b', 'builds'))
    const now = await json<{ at: number; metrics: any }>(s.api(`/api/boards/${p.id}/metrics`))
    expect(now.metrics.uptake.customer).toBe(0.5)
    expect(now.metrics.commonGround).toBe(1)
    expect(now.metrics.novelty).toBe(0.5)
    const then = await json<{ at: number; metrics: any }>(s.api(`/api/boards/${p.id}/metrics?at=${middle}`))
    expect(then.at).toBe(middle)
    expect(then.metrics.balance).toBe(0)
    expect(then.metrics.structure.NP).toBe(0)
  })
})

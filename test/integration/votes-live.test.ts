import { afterEach, describe, expect, it } from 'vitest'
import { addConcept, addLink, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { ManualClock } from '../support/manual-clock'
import { startTestServer, type TestServer, type TestServerOptions } from '../support/server'
import { readSse, type SseReader } from '../support/sse'
import type { LiveProfile } from '../../shared/api/live'

let server: TestServer | undefined
const clients: StockClient[] = []
const streams: SseReader[] = []
afterEach(async () => {
  for (const r of streams.splice(0)) r.close()
  for (const c of clients.splice(0)) c.destroy()
  await server?.close(true)
  server = undefined
})

/** A board with a facilitator, two brand people, two customers, a viewer, and a facilitator of another board. */
async function board(options: TestServerOptions = {}) {
  const s = (server = await startTestServer(options))
  const { id } = await s.createBoard('Votes', 'What matters?')
  const { id: otherId } = await s.createBoard('Other')
  const [fac, b1, b2, u1, u2, viewer, otherFac, otherCustomer] = await Promise.all([
    s.invite(id, 'facilitator', 'Fay'),
    s.invite(id, 'brand', 'Bea'),
    s.invite(id, 'brand', 'Ben'),
    s.invite(id, 'customer', 'Cy'),
    s.invite(id, 'customer', 'Cal'),
    s.invite(id, 'viewer', 'Vic'),
    s.invite(otherId, 'facilitator', 'Oz'),
    s.invite(otherId, 'customer', 'Ola')
  ])
  const client = async (token: string) => {
    const c = stockClient(s.wsUrl, id, token)
    clients.push(c)
    await synced(c)
    return c
  }
  const call = (path: string, token: string, method = 'GET', body?: unknown) =>
    s.api(`/api/boards/${id}${path}`, { method, token, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) })
  const json = async (res: Response | Promise<Response>, status = 200) => {
    const r = await res
    const body = await r.json()
    expect(r.status, JSON.stringify(body)).toBe(status)
    return body
  }
  return { s, id, otherId, fac, b1, b2, u1, u2, viewer, otherFac, otherCustomer, client, call, json }
}

/** The concepts of metrics.md's extension example: c1 by b1, c2 and c3 by u1, c4 by b2, linked c1→c2, c2→c3, c2→c4. */
async function extensionMap(b: Awaited<ReturnType<typeof board>>) {
  const [cb1, cb2, cu1] = [await b.client(b.b1.token), await b.client(b.b2.token), await b.client(b.u1.token)]
  addConcept(cb1.doc, 'c1', 'Delivery')
  addConcept(cu1.doc, 'c2', 'Trust')
  addConcept(cu1.doc, 'c3', 'Reviews')
  addConcept(cb2.doc, 'c4', 'Price')
  await waitFor(() => cu1.doc.getMap('concepts').size === 4 && cb2.doc.getMap('concepts').size === 4)
  addLink(cu1.doc, 'l1', 'c1', 'c2', 'builds')
  addLink(cu1.doc, 'l2', 'c2', 'c3', 'shows in')
  addLink(cb2.doc, 'l3', 'c2', 'c4', 'costs')
  await waitFor(() => cb1.doc.getMap('links').size === 3)
  return { cb1, cb2, cu1 }
}

describe('dot votes', () => {
  it('a full round: open, ballots replaced, close, totals, and metrics.priorities as metrics.md 12 works it out', async () => {
    const b = await board()
    await extensionMap(b)
    const opened = await b.json(b.call('/vote-rounds', b.fac.token, 'POST', { name: 'What matters most?' }), 201)
    expect(opened).toMatchObject({ name: 'What matters most?', dots: 3, open: true })
    expect(typeof opened.openedAt).toBe('number')
    const rid = opened.id as string
    // Another round while this one is open: 409.
    expect((await b.call('/vote-rounds', b.fac.token, 'POST', {})).status).toBe(409)
    const put = (token: string, dots: Record<string, number>) => b.call(`/vote-rounds/${rid}/ballot`, token, 'PUT', { dots })
    // b1 first puts all three on c1, then moves them: the later ballot replaces the earlier.
    expect((await put(b.b1.token, { c1: 3 })).status).toBe(200)
    expect(await b.json(put(b.b1.token, { c2: 2, c4: 1, c3: 0 }))).toMatchObject({ dots: { c2: 2, c4: 1 }, left: 0 })
    expect((await put(b.b2.token, { c1: 3 })).status).toBe(200)
    expect((await put(b.u1.token, { c2: 1, c3: 2 })).status).toBe(200)
    expect(await b.json(b.call(`/vote-rounds/${rid}/ballot`, b.u1.token))).toMatchObject({ dots: { c2: 1, c3: 2 }, left: 0 })
    // Totals are hidden from participants while the round runs.
    expect(await b.json(b.call(`/vote-rounds/${rid}/ballot`, b.u1.token))).not.toHaveProperty('totals')
    // No round closed yet: priorities all null.
    const before = await b.json(b.call('/metrics', b.fac.token))
    expect(before.metrics.priorities).toEqual({ round: null, agreement: null, crossVote: { B: null, U: null }, voters: { B: null, U: null } })

    const closed = await b.json(b.call(`/vote-rounds/${rid}/close`, b.fac.token, 'POST'))
    expect(closed).toMatchObject({ id: rid, open: false })
    expect(closed.closedAt).toBeGreaterThanOrEqual(opened.openedAt)
    expect((await put(b.u2.token, { c1: 1 })).status).toBe(409)

    const list = await b.json(b.call('/vote-rounds', b.fac.token))
    expect(list.rounds).toHaveLength(1)
    expect(list.rounds[0].ballots.map((x: { participant: { name: string }; dots: unknown }) => [x.participant.name, x.dots])).toEqual([
      ['Bea', { c2: 2, c4: 1 }],
      ['Ben', { c1: 3 }],
      ['Cy', { c2: 1, c3: 2 }]
    ])
    expect(list.rounds[0].totals).toEqual({ c1: { B: 3, U: 0 }, c2: { B: 2, U: 1 }, c3: { B: 0, U: 2 }, c4: { B: 1, U: 0 } })
    // Once closed, a participant sees the totals too.
    expect((await b.json(b.call(`/vote-rounds/${rid}/ballot`, b.u2.token))).totals).toEqual(list.rounds[0].totals)

    const { metrics } = await b.json(b.call('/metrics', b.fac.token))
    expect(metrics.priorities.round).toBe(rid)
    expect(metrics.priorities.agreement).toBeCloseTo(2 / (Math.sqrt(14) * Math.sqrt(5)), 12)
    expect(metrics.priorities.crossVote.B).toBeCloseTo(1 / 3, 12)
    expect(metrics.priorities.crossVote.U).toBe(0)
    expect(metrics.priorities.voters).toEqual({ B: 2, U: 1 })
    // As of a moment before the close, no round counts.
    const early = await b.json(b.call(`/metrics?at=${closed.closedAt - 1}`, b.fac.token))
    expect(early.metrics.priorities.round).toBeNull()
    // The report carries the same priorities and the dots per concept by side, labels as the map has them.
    const report = await b.json(b.call('/report', b.fac.token))
    expect(report.profile.priorities).toEqual(metrics.priorities)
    expect(report.votes.round).toMatchObject({ id: rid, name: 'What matters most?', dots: 3 })
    expect(report.votes.concepts).toEqual([
      { id: 'c1', label: 'Delivery', B: 3, U: 0 },
      { id: 'c2', label: 'Trust', B: 2, U: 1 },
      { id: 'c3', label: 'Reviews', B: 0, U: 2 },
      { id: 'c4', label: 'Price', B: 1, U: 0 }
    ])
    // A new round may open now.
    expect((await b.call('/vote-rounds', b.fac.token, 'POST', { dots: 5 })).status).toBe(201)
  })

  it('refuses bad bodies with the reason, and every role but the board’s own brand and customer people', async () => {
    const b = await board()
    const { cb1 } = await extensionMap(b)
    for (const body of [{ dots: 0 }, { dots: 11 }, { dots: 2.5 }, { dots: '3' }, { name: 7 }, { colour: 'red' }, '[1]', 'nope']) {
      const res = await b.call('/vote-rounds', b.fac.token, 'POST', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
    for (const token of [b.b1.token, b.u1.token, b.viewer.token, b.otherFac.token, b.otherCustomer.token]) {
      expect((await b.call('/vote-rounds', token, 'POST', {})).status).toBe(403)
      expect((await b.call('/vote-rounds', token)).status).toBe(403)
    }
    expect((await b.s.api(`/api/boards/${b.id}/vote-rounds`, { method: 'POST', token: '' })).status).toBe(401)
    const { id: rid } = await b.json(b.call('/vote-rounds', b.fac.token, 'POST', { dots: 2 }), 201)
    for (const token of [b.b1.token, b.viewer.token, b.otherFac.token, b.otherCustomer.token]) {
      expect((await b.call(`/vote-rounds/${rid}/close`, token, 'POST')).status).toBe(403)
    }
    const put = (token: string, body: unknown) => b.call(`/vote-rounds/${rid}/ballot`, token, 'PUT', body)
    for (const token of [b.fac.token, b.s.adminToken, b.viewer.token, b.otherFac.token, b.otherCustomer.token]) {
      expect((await put(token, { dots: { c1: 1 } })).status).toBe(403)
      expect((await b.call(`/vote-rounds/${rid}/ballot`, token)).status).toBe(403)
    }
    const bad: Array<[unknown, RegExp]> = [
      [{ dots: { c1: 3 } }, /3 dots placed, but the round gives 2/],
      [{ dots: { c1: 1, c2: 1, c3: 1 } }, /round gives 2/],
      [{ dots: { c1: -1 } }, /whole number/],
      [{ dots: { c1: 1.5 } }, /whole number/],
      [{ dots: { nope: 1 } }, /no concept "nope"/],
      [{ dots: [1] }, /dots must be an object/],
      [{ dots: { c1: 1 }, participant: 'someone-else' }, /unknown field participant/],
      ['{', /JSON/]
    ]
    for (const [body, reason] of bad) {
      const res = await put(b.b1.token, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(((await res.json()) as { error: string }).error).toMatch(reason)
    }
    // A concept deleted since: no longer votable.
    cb1.doc.getMap('concepts').delete('c4')
    await expect
      .poll(async () => (await b.json(b.call('/map', b.fac.token))).concepts.some((k: { id: string }) => k.id === 'c4'), { interval: 20 })
      .toBe(false)
    expect((await put(b.b1.token, { dots: { c4: 1 } })).status).toBe(400)
    expect((await b.call('/vote-rounds/no-such-round/ballot', b.b1.token, 'PUT', { dots: {} })).status).toBe(404)
    expect((await b.call('/vote-rounds/no-such-round/close', b.fac.token, 'POST')).status).toBe(404)
    // The vote is attributed to the token's participant whatever the client is.
    expect((await put(b.u1.token, { dots: { c1: 2 } })).status).toBe(200)
    const list = await b.json(b.call('/vote-rounds', b.fac.token))
    expect(list.rounds[0].ballots.map((x: { participant: { id: string } }) => x.participant.id)).toEqual([b.u1.participantId])
  })
})

type LiveEvent = LiveProfile
const profiles = (r: SseReader) => r.events.filter((e) => e.event === 'profile').map((e) => JSON.parse(e.data) as LiveEvent)

/** The live stream's pace (LIVE_STREAM_DEFAULTS.minIntervalMs) and the quiet it marks with a heartbeat comment. */
const INTERVAL_MS = 1000
const HEARTBEAT_AFTER_MS = 4000

/**
 * A server on a manual clock for the live stream: its pace and heartbeat are time moved on, not
 * slept. The sockets' own heartbeat and keepalive are put far off, so the only pause due within an
 * interval is the stream's.
 */
async function liveBoard() {
  const clock = new ManualClock()
  const b = await board({ clock, env: { HEARTBEAT_MS: '3600000', KEEPALIVE_MS: '3600000' } })
  /** Once the stream's loop waits for its next interval (so the move cannot race it), moves time on by `ms`. */
  const pass = async (ms = INTERVAL_MS) => {
    await waitFor(() => clock.dueWithin(INTERVAL_MS), 5000, 'the live loop waiting')
    clock.advance(ms)
  }
  return { ...b, clock, pass }
}

describe('GET /api/boards/:id/live', () => {
  it('sends the profile on connect and one interval after an edit, equal to GET …/metrics at the same moment, with participation', async () => {
    const b = await liveBoard()
    const started = await b.json(b.call('/sessions/start', b.fac.token, 'POST', { name: 'Workshop' }), 201)
    const [cb1, cu1] = [await b.client(b.b1.token), await b.client(b.u1.token)]
    const witness = await b.client(b.u2.token)
    const live = await readSse(`${b.s.url}/api/boards/${b.id}/live`, b.fac.token)
    streams.push(live)
    expect(live.status).toBe(200)
    await waitFor(() => profiles(live).length >= 1, 5000, 'first profile')
    const first = profiles(live)[0]!
    expect(first.session).toBe(started.id)
    expect(first.participation.map((p) => [p.participant.name, p.contentEvents, p.lastContentAt]).sort()).toEqual([
      ['Bea', 0, null],
      ['Cal', 0, null],
      ['Cy', 0, null]
    ])

    const edited = b.clock.now()
    addConcept(cb1.doc, 'a', 'Delivery')
    addConcept(cu1.doc, 'b', 'Trust')
    await waitFor(() => witness.doc.getMap('concepts').size === 2, 5000, 'both edits on the server')
    await b.pass()
    await waitFor(() => profiles(live).some((p) => p.participation.filter((x) => x.contentEvents > 0).length === 2), 5000, 'profile after edit')
    const after = profiles(live).find((p) => p.participation.some((x) => x.contentEvents > 0))!
    // Within 2 s of the edit (the contract), on the server's clock.
    expect(after.at - edited).toBeLessThan(2000)
    const latest = profiles(live).at(-1)!
    const bea = latest.participation.find((p) => p.participant.name === 'Bea')!
    expect(bea.contentEvents).toBe(1)
    expect(bea.lastContentAt).toBeGreaterThanOrEqual(started.start)
    expect(latest.participation.find((p) => p.participant.name === 'Cal')).toMatchObject({ contentEvents: 0, lastContentAt: null })
    // The same numbers as the metrics endpoint for the same scope and moment.
    const same = await b.json(b.call(`/metrics?session=${latest.session}&at=${latest.at}`, b.fac.token))
    expect(latest.metrics).toEqual(same.metrics)
    expect(latest.metrics.balance).toBe(1)

    // At most one event a second: six edits 150 ms apart are told together, an interval after the last.
    for (let i = 0; i < 6; i++) {
      addConcept(cb1.doc, `x${i}`, `Idea ${i}`)
      await waitFor(() => witness.doc.getMap('concepts').has(`x${i}`), 5000, `edit ${i} on the server`)
      b.clock.advance(150)
    }
    await b.pass()
    const told = () => profiles(live).at(-1)!.participation.find((p) => p.participant.name === 'Bea')!.contentEvents
    await waitFor(() => told() === 7, 5000, 'profile after six edits')
    const times = profiles(live).map((p) => p.at)
    expect(times).toHaveLength(3)
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(INTERVAL_MS)
  })

  it('sends a heartbeat comment while nothing changes, scores the whole board without a session, and stops when the client goes', async () => {
    const b = await liveBoard()
    const live = await readSse(`${b.s.url}/api/boards/${b.id}/live`, b.s.adminToken)
    streams.push(live)
    await waitFor(() => profiles(live).length === 1, 5000, 'first profile')
    expect(profiles(live)[0]!.session).toBeNull()
    for (let quiet = 0; quiet < HEARTBEAT_AFTER_MS; quiet += INTERVAL_MS) await b.pass()
    await waitFor(() => live.comments.length > 0, 5000, 'heartbeat')
    expect(live.comments).toEqual(['heartbeat'])
    expect(profiles(live)).toHaveLength(1)
    // Many streams on one board: the bound refuses more, and a closed stream frees its place.
    const more: SseReader[] = []
    for (let i = 0; i < 15; i++) more.push(await readSse(`${b.s.url}/api/boards/${b.id}/live`, b.fac.token))
    streams.push(...more)
    expect(more.every((r) => r.status === 200)).toBe(true)
    const refused = await readSse(`${b.s.url}/api/boards/${b.id}/live`, b.fac.token)
    expect(refused.status).toBe(429)
    live.close()
    // The place is freed once the server hears the stream went: ask until it is.
    await expect
      .poll(
        async () => {
          const again = await readSse(`${b.s.url}/api/boards/${b.id}/live`, b.fac.token)
          streams.push(again)
          return again.status
        },
        { timeout: 4000, interval: 20 }
      )
      .toBe(200)
  })

  it('is refused to participants, viewers, another board’s facilitator and a missing token', async () => {
    const b = await board()
    for (const token of [b.b1.token, b.u1.token, b.viewer.token, b.otherFac.token, b.otherCustomer.token]) {
      const r = await readSse(`${b.s.url}/api/boards/${b.id}/live`, token)
      expect(r.status).toBe(403)
    }
    expect((await readSse(`${b.s.url}/api/boards/${b.id}/live`, '')).status).toBe(401)
    expect((await readSse(`${b.s.url}/api/boards/${b.id}/live?session=nope`, b.fac.token)).status).toBe(404)
  })
})

import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it } from 'vitest'
import { addConcept, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { rawSocket, syncUrl } from '../support/raw-socket'
import { startTestServer, type TestServer } from '../support/server'
import { MessageType } from '../../shared/sync/message-types'
import type { PulseList } from '../../shared/api/routes/history-routes'

let server: TestServer | undefined
const clients: StockClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server?.close(true)
  server = undefined
})

/** A board with a facilitator, two brand people, a customer and a viewer, and a marked session running. */
async function board() {
  const s = (server = await startTestServer())
  const { id } = await s.createBoard('Pulse', 'What builds trust?')
  const [fac, b1, b2, u1, viewer] = await Promise.all([
    s.invite(id, 'facilitator', 'Fay'),
    s.invite(id, 'brand', 'Bea'),
    s.invite(id, 'brand', 'Ben'),
    s.invite(id, 'customer', 'Cy'),
    s.invite(id, 'viewer', 'Vic')
  ])
  const started = await s.api(`/api/boards/${id}/sessions/start`, { method: 'POST', body: JSON.stringify({ name: 'Workshop' }), token: fac.token })
  expect(started.status).toBe(201)
  const session = ((await started.json()) as { id: string }).id
  const post = (token: string, body: unknown) =>
    s.api(`/api/boards/${id}/pulse`, { method: 'POST', token, body: typeof body === 'string' ? body : JSON.stringify(body) })
  const list = async (query = '', token = fac.token) => {
    const res = await s.api(`/api/boards/${id}/pulse${query}`, { token })
    expect(res.status).toBe(200)
    return (await res.json()) as PulseList
  }
  return { s, id, fac, b1, b2, u1, viewer, session, post, list }
}

const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error

describe('POST /api/boards/:id/pulse', () => {
  it('records one answer set per participant and session, a second replacing the first, and summarizes per group', async () => {
    const { b1, b2, u1, session, post, list } = await board()
    const first = await post(b1.token, { understood: 2, learned: 3, represents: 4 })
    expect(first.status).toBe(201)
    expect(await first.json()).toMatchObject({ session, understood: 2, learned: 3, represents: 4 })
    // The second set replaces the whole first one: an item left out is now refused, not kept.
    const again = await post(b1.token, { session, understood: 4, learned: null })
    expect(again.status).toBe(200)
    expect(await again.json()).toMatchObject({ session, understood: 4, learned: null, represents: null })
    expect((await post(b2.token, { understood: 5, represents: 2 })).status).toBe(201)
    expect((await post(u1.token, { understood: 1, learned: 5, represents: 3 })).status).toBe(201)

    const all = await list()
    expect(all.answers.map((a) => [a.participant.name, a.participant.role, a.understood, a.learned, a.represents])).toEqual([
      ['Bea', 'brand', 4, null, null],
      ['Ben', 'brand', 5, null, 2],
      ['Cy', 'customer', 1, 5, 3]
    ])
    // understood: B (4, 5) → 4.5, U (1) → 1, overall (4 + 5 + 1) / 3
    expect(all.summary.understood).toEqual({ brand: 4.5, customer: 1, overall: 10 / 3, count: { brand: 2, customer: 1 } })
    // learned: only Cy answered; a mean with no answers is null, never 0
    expect(all.summary.learned).toEqual({ brand: null, customer: 5, overall: 5, count: { brand: 0, customer: 1 } })
    expect(all.summary.represents).toEqual({ brand: 2, customer: 3, overall: 2.5, count: { brand: 1, customer: 1 } })
    expect((await list(`?session=${session}`)).answers).toHaveLength(3)
  })

  it('takes the token from ?token= too, and the metrics profile carries the answers, scoped per session', async () => {
    const { s, id, fac, b1, u1, session, list } = await board()
    const viaQuery = await fetch(`${s.url}/api/boards/${id}/pulse?token=${encodeURIComponent(u1.token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ understood: 3 })
    })
    expect(viaQuery.status).toBe(201)
    expect((await s.api(`/api/boards/${id}/sessions/end`, { method: 'POST', token: fac.token })).status).toBe(200)
    // After the end, with no session running, the default is the session that ended last.
    expect(await (await s.api(`/api/boards/${id}/pulse`, { method: 'POST', token: b1.token, body: '{"understood":5}' })).json()).toMatchObject({ session })
    // A second session: answers there do not mix into the first one's scope.
    const second = (await (await s.api(`/api/boards/${id}/sessions/start`, { method: 'POST', token: fac.token })).json()) as { id: string }
    expect((await s.api(`/api/boards/${id}/pulse`, { method: 'POST', token: b1.token, body: '{"understood":1}' })).status).toBe(201)
    expect((await list(`?session=${second.id}`)).summary.understood).toEqual({ brand: 1, customer: null, overall: 1, count: { brand: 1, customer: 0 } })

    const metrics = async (query: string) =>
      ((await (await s.api(`/api/boards/${id}/metrics${query}`, { token: fac.token })).json()) as { metrics: { pulse: PulseList['summary'] } }).metrics.pulse
    expect((await metrics(`?session=${session}`)).understood).toEqual({ brand: 5, customer: 3, overall: 4, count: { brand: 1, customer: 1 } })
    expect((await metrics(`?session=${second.id}`)).understood).toEqual({ brand: 1, customer: null, overall: 1, count: { brand: 1, customer: 0 } })
    // Unscoped: the latest set per participant and session, all sessions.
    expect((await metrics('')).understood).toEqual({ brand: 3, customer: 3, overall: 3, count: { brand: 2, customer: 1 } })
  })

  it('with replace: false (what the board’s dialogs send) keeps an earlier set: 409, nothing lost', async () => {
    const { s, id, fac, b1, u1, session, post, list } = await board()
    expect((await s.api(`/api/boards/${id}/sessions/end`, { method: 'POST', token: fac.token })).status).toBe(200)
    // Bea answers the pulse the end of the session asked for.
    expect((await post(b1.token, { session, replace: false, understood: 3, learned: 4 })).status).toBe(201)
    // Then she presses Leave: that dialog names no session, so the server picks the one that just ended.
    const leaving = await post(b1.token, { replace: false, understood: null, learned: null, represents: 5 })
    expect(leaving.status).toBe(409)
    expect(await errorOf(leaving)).toMatch(/already answered the pulse for this session; your earlier answers are kept/)
    const named = await post(b1.token, { session, replace: false, represents: 5 })
    expect(named.status).toBe(409)
    // A first answer is no replacement: replace: false does not stand in its way.
    expect((await post(u1.token, { replace: false, learned: 2 })).status).toBe(201)
    const row = (a: PulseList['answers'][number]) => [a.participant.name, a.session, a.understood, a.learned, a.represents]
    expect((await list()).answers.map(row)).toEqual([
      ['Bea', session, 3, 4, null],
      ['Cy', session, null, 2, null]
    ])
    // Without it, a later set replaces the earlier one whole (metrics.md 10), as before.
    expect((await post(b1.token, { represents: 5 })).status).toBe(200)
    expect((await post(b1.token, { replace: true, represents: 4 })).status).toBe(200)
    expect((await list()).answers.map(row).find((r) => r[0] === 'Bea')).toEqual(['Bea', session, null, null, 4])
    await expect(errorOf(await post(b1.token, { replace: 'no' }))).resolves.toMatch(/replace must be true or false/)
  })

  it('keeps one first answer set when a participant’s two tabs send theirs at once with replace: false', async () => {
    const { b1, session, post, list } = await board()
    const statuses = await Promise.all([1, 2, 3, 4, 5].map((understood) => post(b1.token, { session, replace: false, understood }).then((r) => r.status)))
    expect(statuses.filter((st) => st === 201)).toHaveLength(1)
    expect(statuses.filter((st) => st === 409)).toHaveLength(4)
    const answers = (await list()).answers
    expect(answers).toHaveLength(1)
    expect(answers[0]!.understood).toBe(statuses.indexOf(201) + 1)
  })

  it('refuses viewers, facilitators, the admin, other boards, revoked tokens and malformed answers with clear errors', async () => {
    const { s, id, fac, b1, u1, viewer, post } = await board()
    const other = await s.createBoard('Other')
    const stranger = await s.invite(other.id, 'customer', 'Sam')
    const refused = async (res: Response | Promise<Response>, status: number, error: RegExp) => {
      const r = await res
      expect(r.status).toBe(status)
      expect(await errorOf(r)).toMatch(error)
    }
    await refused(post(viewer.token, { understood: 3 }), 403, /brand and customer/)
    await refused(post(fac.token, { understood: 3 }), 403, /brand and customer/)
    await refused(post(s.adminToken, { understood: 3 }), 403, /brand and customer/)
    await refused(post(stranger.token, { understood: 3 }), 403, /another board/)
    await refused(post('not-a-token', { understood: 3 }), 401, /token/)
    await refused(s.api(`/api/boards/${id}/pulse`, { method: 'POST', token: '', body: '{}' }), 401, /token/)

    for (const bad of [0, 6, 2.5, '3', true, [3], { v: 3 }]) {
      await refused(post(b1.token, { understood: bad }), 400, /understood must be an integer from 1 to 5/)
    }
    await refused(post(b1.token, { represents: -1 }), 400, /represents/)
    await refused(post(b1.token, { understood: 3, mood: 5 }), 400, /unknown field mood/)
    await refused(post(b1.token, '{"understood": 3'), 400, /JSON/)
    await refused(post(b1.token, '[3, 4, 5]'), 400, /JSON object/)
    await refused(post(b1.token, { session: 42 }), 400, /session/)
    await refused(post(b1.token, { session: 'no-such-session', understood: 3 }), 404, /no such session/)
    await refused(s.api(`/api/boards/nope/pulse`, { method: 'POST', token: b1.token, body: '{}' }), 404, /board/)

    // Revoked: the token stops working at once.
    expect((await s.api(`/api/boards/${id}/participants/${u1.participantId}/revoke`, { method: 'POST', token: fac.token })).status).toBe(200)
    await refused(post(u1.token, { understood: 3 }), 401, /revoked/)

    // Nothing refused was recorded.
    const listed = (await (await s.api(`/api/boards/${id}/pulse`, { token: fac.token })).json()) as PulseList
    expect(listed.answers).toEqual([])
    // Only the admin and facilitators read the answers.
    await refused(s.api(`/api/boards/${id}/pulse`, { token: b1.token }), 403, /facilitator/)
    await refused(s.api(`/api/boards/${id}/pulse`, { token: viewer.token }), 403, /facilitator/)
    expect((await s.api(`/api/boards/${id}/pulse`)).status).toBe(200)
    await refused(s.api(`/api/boards/${id}/pulse?session=nope`, { token: fac.token }), 404, /no such session/)
    // An archived board takes no more answers.
    expect((await s.api(`/api/boards/${id}`, { method: 'PATCH', body: '{"archived":true}' })).status).toBe(200)
    await refused(post(b1.token, { understood: 3 }), 403, /archived/)
    // Last: the server answers before reading the whole body, so this connection is not reused.
    await refused(post(b1.token, JSON.stringify({ understood: 3, pad: 'x'.repeat(2 * 1024 * 1024) })), 413, /larger/)
  })

  it('with no session marked, answers for the session found from activity; with no activity at all, 404', async () => {
    const s = (server = await startTestServer())
    const { id } = await s.createBoard('Quiet')
    const b = await s.invite(id, 'brand', 'Bea')
    const post = () => s.api(`/api/boards/${id}/pulse`, { method: 'POST', token: b.token, body: '{"learned":4}' })
    const none = await post()
    expect(none.status).toBe(404)
    expect(await errorOf(none)).toMatch(/no session/)
    const client = stockClient(s.wsUrl, id, b.token)
    clients.push(client)
    await synced(client)
    addConcept(client.doc, 'a', 'Delivery')
    // The edit becomes activity once the server has accepted it and derived its history.
    let sessions: Array<{ id: string; kind: string }> = []
    for (let i = 0; i < 200 && sessions.length === 0; i++) {
      sessions = ((await (await s.api(`/api/boards/${id}/sessions`)).json()) as { sessions: typeof sessions }).sessions
      if (sessions.length === 0) await new Promise((r) => setTimeout(r, 100))
    }
    expect(sessions).toHaveLength(1)
    expect(sessions[0]!.kind).toBe('activity')
    const res = await post()
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ session: sessions[0]!.id, learned: 4 })
  })
})

describe('session events (opt-in message 101)', () => {
  it('tells the connections that opted in that a session ended, and nobody else', async () => {
    const { s, id, fac, b1, u1, session } = await board()
    const optedIn = rawSocket(syncUrl(s.wsUrl, id, u1.token))
    const plain = rawSocket(syncUrl(s.wsUrl, id, b1.token))
    const stock = stockClient(s.wsUrl, id, b1.token)
    clients.push(stock)
    await Promise.all([optedIn.opened, plain.opened, synced(stock)])
    optedIn.ws.send(new Uint8Array([101]))
    // The opt-in is handled in order with what follows: a sync step 1 is answered after it.
    optedIn.ws.send(new Uint8Array([0, 0, 1, 0]))
    await waitFor(() => optedIn.messages.some((m) => m[0] === 0 && m[1] === 1), 10_000, 'sync step 2')
    const stockErrors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => void stockErrors.push(args)
    try {
      expect((await s.api(`/api/boards/${id}/sessions/end`, { method: 'POST', token: fac.token })).status).toBe(200)
      // Board events of other kinds (the board's state, kind 1) come too; the session end is kind 0.
      await waitFor(() => optedIn.messages.some((m) => m[0] === MessageType.boardEvents && m[1] === 0), 10_000, 'the session-ended message')
      const message = decoding.createDecoder(optedIn.messages.find((m) => m[0] === MessageType.boardEvents && m[1] === 0)!)
      expect(decoding.readVarUint(message)).toBe(101)
      expect(decoding.readVarUint(message)).toBe(0) // ended
      expect(decoding.readVarString(message)).toBe(session)
      expect(decoding.hasContent(message)).toBe(false)
      // Ordering: anything sent to `plain` after the end would already have arrived (same server tick),
      // and a later message proves its socket is still being served.
      plain.ws.send(new Uint8Array([0, 0, 1, 0]))
      await waitFor(() => plain.messages.some((m) => m[0] === 0 && m[1] === 1), 10_000, 'sync step 2 on the plain socket')
      expect(plain.messages.some((m) => m[0] === MessageType.boardEvents)).toBe(false)
      // The stock client saw nothing it could not handle (it logs unknown message types).
      expect(stockErrors).toEqual([])
      expect(stock.closes).toEqual([])
    } finally {
      console.error = original
      optedIn.ws.close()
      plain.ws.close()
    }
  })
})

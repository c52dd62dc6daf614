import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { addConcept, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { rawSocket, syncUrl } from '../support/raw-socket'
import { ManualClock } from '../support/manual-clock'
import { startTestServer, type TestServer } from '../support/server'

// The console's API: board settings (applied live), people and invites, revocation, group links.

let server: TestServer
/** The server's time: links and tokens expire when a test moves it on. */
const clock = new ManualClock()
const clients: StockClient[] = []

beforeAll(async () => {
  server = await startTestServer({ clock })
})

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})

afterAll(async () => {
  await server.close(true)
})

const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T
const patch = (id: string, body: unknown, token?: string) =>
  server.api(`/api/boards/${id}`, { method: 'PATCH', body: JSON.stringify(body), token })
const post = (path: string, body?: unknown, token?: string) =>
  server.api(path, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body), token })
const client = (id: string, token: string) => {
  const c = stockClient(server.wsUrl, id, token)
  clients.push(c)
  return c
}
const groupLink = async (id: string, role = 'customer', label = 'Customers of partner X', token?: string) => {
  const res = await post(`/api/boards/${id}/invites`, { role, group: true, label }, token)
  expect(res.status).toBe(201)
  return json<{ token: string; url: string; inviteId: string; group: boolean; label: string; role: string }>(res)
}
const join = (groupToken: string, name: unknown) => post('/api/join', { name }, groupToken)

describe('PATCH /api/boards/:id', () => {
  it('lets the admin and the board’s facilitator change it, and nobody else', async () => {
    const { id } = await server.createBoard()
    const other = await server.createBoard('Other')
    const facilitator = (await server.invite(id, 'facilitator')).token
    expect((await patch(id, { title: 'By admin' })).status).toBe(200)
    const res = await patch(id, { title: 'By facilitator', focusQuestion: 'Why now?' }, facilitator)
    expect(res.status).toBe(200)
    expect(await json(res)).toMatchObject({ id, title: 'By facilitator', focusQuestion: 'Why now?', url: `${server.url}/b/${id}` })
    for (const role of ['brand', 'customer', 'viewer'] as const) {
      expect((await patch(id, { locked: true }, (await server.invite(id, role)).token)).status, role).toBe(403)
    }
    expect((await patch(id, { locked: true }, (await server.invite(other.id, 'facilitator')).token)).status).toBe(403)
    expect((await patch(id, { locked: true }, 'forged.token.x')).status).toBe(401)
    expect((await patch('no-such-board', { locked: true })).status).toBe(404)
  })

  it('refuses what is not a setting, and origins that are not exactly scheme://host[:port]', async () => {
    const { id } = await server.createBoard()
    const refused = async (body: unknown, reason: RegExp) => {
      const res = await patch(id, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect((await json<{ error: string }>(res)).error).toMatch(reason)
    }
    await refused({ owner: 'me' }, /unknown field owner/)
    await refused({ title: '' }, /empty/)
    await refused({ title: 'x'.repeat(201) }, /longer/)
    await refused({ locked: 'yes' }, /true or false/)
    await refused({ archived: 1 }, /true or false/)
    await refused({ allowedOrigins: 'https://a.example' }, /array/)
    for (const bad of [
      '*',
      'https://*.partner.example',
      'https://partner.example/',
      'https://partner.example/page',
      'https://Partner.example',
      'https://partner.example:443',
      'ftp://partner.example',
      'partner.example',
      'null',
      'https://user@partner.example',
      5
    ]) {
      await refused({ allowedOrigins: [bad] }, /not an origin/)
    }
    await refused({ allowedOrigins: Array.from({ length: 51 }, (_, i) => `https://p${i}.example`) }, /at most 50/)
    const ok = await patch(id, { allowedOrigins: ['https://partner.example', 'http://127.0.0.1:8080', 'https://partner.example', 'http://[::1]:3000'] })
    expect(ok.status).toBe(200)
    expect((await json(ok)).allowedOrigins).toEqual(['https://partner.example', 'http://127.0.0.1:8080', 'http://[::1]:3000'])
  })

  it('writes a new title and focus question into the live document, attributed to whoever changed them', async () => {
    const { id } = await server.createBoard('Before', 'Old question?')
    const watcher = client(id, (await server.invite(id, 'viewer')).token)
    await synced(watcher)
    expect(watcher.doc.getMap('meta').get('title')).toBe('Before')
    const facilitator = await server.invite(id, 'facilitator', 'Fay')
    expect((await patch(id, { title: 'After <b>bold</b>', focusQuestion: 'New question?' }, facilitator.token)).status).toBe(200)
    await waitFor(() => watcher.doc.getMap('meta').get('focusQuestion') === 'New question?', 3000, 'focus question')
    expect(watcher.doc.getMap('meta').get('title')).toBe('After <b>bold</b>')
    expect((await json(await server.api(`/api/boards/${id}`))).title).toBe('After <b>bold</b>')
  })

  it('locks live: brand and customer writes are refused (type 2) and never applied; facilitators still write', async () => {
    const { id } = await server.createBoard()
    const brand = client(id, (await server.invite(id, 'brand')).token)
    const facilitator = client(id, (await server.invite(id, 'facilitator')).token)
    const witness = client(id, (await server.invite(id, 'viewer')).token)
    await Promise.all([synced(brand), synced(facilitator), synced(witness)])
    expect((await patch(id, { locked: true })).status).toBe(200)
    addConcept(brand.doc, 'b1', 'while locked')
    await waitFor(() => brand.permissionDenied.length > 0, 3000, 'permission denied')
    expect(brand.permissionDenied[0]).toMatch(/locked/)
    addConcept(facilitator.doc, 'f1', 'facilitator while locked')
    await waitFor(() => witness.doc.getMap('concepts').has('f1'), 3000, 'facilitator edit')
    expect(witness.doc.getMap('concepts').has('b1')).toBe(false)
    // A fresh client reads only what the journal holds: the refused write is not there.
    const late = client(id, (await server.invite(id, 'viewer')).token)
    await synced(late)
    expect([...late.doc.getMap('concepts').keys()]).toEqual(['f1'])

    expect((await patch(id, { locked: false })).status).toBe(200)
    // (The refused client's own copy still holds its refused edit; a fresh brand client edits.)
    const brand2 = client(id, (await server.invite(id, 'brand')).token)
    await synced(brand2)
    addConcept(brand2.doc, 'b2', 'after unlock')
    await waitFor(() => witness.doc.getMap('concepts').has('b2'), 3000, 'brand edit after unlock')
    expect(brand2.permissionDenied).toEqual([])
  })

  it('archives: every live connection closes with 4403, new ones are refused, and restoring opens it again', async () => {
    const { id } = await server.createBoard()
    const token = (await server.invite(id, 'brand')).token
    const a = rawSocket(syncUrl(server.wsUrl, id, token))
    const admin = rawSocket(syncUrl(server.wsUrl, id, server.adminToken))
    await Promise.all([a.opened, admin.opened])
    const started = Date.now()
    expect((await patch(id, { archived: true })).status).toBe(200)
    expect((await a.closed).code).toBe(4403)
    expect((await admin.closed).code).toBe(4403)
    expect(Date.now() - started).toBeLessThan(1000)
    expect((await rawSocket(syncUrl(server.wsUrl, id, token)).closed).code).toBe(4403)
    expect((await patch(id, { archived: false })).status).toBe(200)
    const again = rawSocket(syncUrl(server.wsUrl, id, token))
    await again.opened
    again.ws.close()
  })
})

describe('GET /api/boards and GET /api/me', () => {
  it('lists every board for the admin and only their own for a facilitator', async () => {
    const mine = await server.createBoard('Mine')
    await server.createBoard('Not mine')
    const facilitator = (await server.invite(mine.id, 'facilitator', 'Fay')).token
    const listed = await json<{ boards: { id: string }[] }>(await server.api('/api/boards', { token: facilitator }))
    expect(listed.boards.map((b) => b.id)).toEqual([mine.id])
    expect((await server.api('/api/boards', { token: (await server.invite(mine.id, 'brand')).token })).status).toBe(403)
    expect((await json<{ boards: unknown[] }>(await server.api('/api/boards'))).boards.length).toBeGreaterThan(1)
  })

  it('says who a token belongs to', async () => {
    const { id } = await server.createBoard()
    expect(await json(await server.api('/api/me'))).toEqual({ kind: 'admin' })
    const f = await server.invite(id, 'facilitator', 'Fay')
    expect(await json(await server.api('/api/me', { token: f.token }))).toMatchObject({
      kind: 'participant',
      boardId: id,
      role: 'facilitator',
      participantId: f.participantId,
      name: 'Fay'
    })
    expect((await server.api('/api/me', { token: 'nope' })).status).toBe(401)
  })
})

describe('people and revocation', () => {
  it('lists participants with who is online now (names as given, markup and all)', async () => {
    const { id } = await server.createBoard()
    const evil = '<img src=x onerror="alert(1)">'
    const b = await server.invite(id, 'brand', evil)
    await server.invite(id, 'customer', 'Offline Olga')
    const live = client(id, b.token)
    const admin = rawSocket(syncUrl(server.wsUrl, id, server.adminToken))
    await Promise.all([synced(live), admin.opened])
    const res = await server.api(`/api/boards/${id}/participants`)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    const body = await json<{ participants: { id: string; name: string; connections: number; revokedAt: null }[]; online: { id: string; name: string }[] }>(res)
    expect(body.participants.map((p) => [p.name, p.connections])).toEqual([
      [evil, 1],
      ['Offline Olga', 0]
    ])
    expect(body.online.map((p) => p.name).sort()).toEqual([evil, 'Admin'].sort())
    expect((await server.api(`/api/boards/${id}/participants`, { token: b.token })).status).toBe(403)
    admin.ws.close()
  })

  it('revoking a person closes their live connection within a second (4401) and their token stops working', async () => {
    const { id } = await server.createBoard()
    const gone = await server.invite(id, 'brand', 'Gone')
    const stays = await server.invite(id, 'customer', 'Stays')
    const socket = rawSocket(syncUrl(server.wsUrl, id, gone.token))
    const second = rawSocket(syncUrl(server.wsUrl, id, gone.token))
    const other = client(id, stays.token)
    await Promise.all([socket.opened, second.opened, synced(other)])
    const facilitator = (await server.invite(id, 'facilitator')).token
    const started = Date.now()
    const res = await post(`/api/boards/${id}/participants/${gone.participantId}/revoke`, undefined, facilitator)
    expect(res.status).toBe(200)
    expect(await json(res)).toMatchObject({ closed: 2, participant: { id: gone.participantId } })
    expect((await socket.closed).code).toBe(4401)
    expect((await second.closed).code).toBe(4401)
    expect(Date.now() - started).toBeLessThan(1000)
    expect((await rawSocket(syncUrl(server.wsUrl, id, gone.token)).closed).code).toBe(4401)
    expect((await server.api(`/api/boards/${id}`, { token: gone.token })).status).toBe(401)
    // Others are untouched.
    expect(other.provider.wsconnected).toBe(true)
    const list = await json<{ participants: { id: string; revokedAt: string | null }[] }>(await server.api(`/api/boards/${id}/participants`))
    expect(list.participants.find((p) => p.id === gone.participantId)?.revokedAt).toMatch(/^\d{4}-/)
    expect((await post(`/api/boards/${id}/participants/nobody/revoke`)).status).toBe(404)
    const elsewhere = await server.createBoard()
    expect((await post(`/api/boards/${elsewhere.id}/participants/${stays.participantId}/revoke`)).status).toBe(404)
  })

  it('revoking an invite closes its person’s connections and its token stops working', async () => {
    const { id } = await server.createBoard()
    const inv = await server.invite(id, 'customer', 'Cleo')
    const { inviteId } = await json<{ inviteId: string }>(await post(`/api/boards/${id}/invites`, { role: "viewer", name: "unused" }))
    const socket = rawSocket(syncUrl(server.wsUrl, id, inv.token))
    await socket.opened
    const invites = await json<{ invites: { id: string; name: string; status: string }[] }>(await server.api(`/api/boards/${id}/invites`))
    const cleo = invites.invites.find((i) => i.name === 'Cleo')!
    expect(cleo.status).toBe('active')
    expect(invites.invites.some((i) => i.id === inviteId)).toBe(true)
    const res = await post(`/api/boards/${id}/invites/${cleo.id}/revoke`)
    expect(res.status).toBe(200)
    expect(await json(res)).toMatchObject({ invite: { id: cleo.id, status: 'revoked' }, closed: 1 })
    expect((await socket.closed).code).toBe(4401)
    expect((await rawSocket(syncUrl(server.wsUrl, id, inv.token)).closed).code).toBe(4401)
    expect((await post(`/api/boards/${id}/invites/nope/revoke`)).status).toBe(404)
  })

  it('closes a live connection when its token expires', async () => {
    const { id } = await server.createBoard()
    const { token } = await server.invite(id, 'brand', 'Brief', 1)
    const socket = rawSocket(syncUrl(server.wsUrl, id, token))
    await socket.opened
    clock.advance(999)
    expect(socket.ws.readyState).toBe(socket.ws.OPEN)
    clock.advance(1)
    expect(await socket.closed).toMatchObject({ code: 4401 })
  })
})

describe('group links', () => {
  it('issues group links for brand, customer and viewer, never facilitator', async () => {
    const { id } = await server.createBoard()
    const g = await groupLink(id, 'customer', '<script>alert("x")</script>')
    expect(g).toMatchObject({ group: true, role: 'customer', label: '<script>alert("x")</script>' })
    expect(g.url).toBe(`${server.url}/join/${id}?token=${encodeURIComponent(g.token)}`)
    expect((await post(`/api/boards/${id}/invites`, { role: 'facilitator', group: true })).status).toBe(400)
    expect((await post(`/api/boards/${id}/invites`, { role: 'brand', group: 'yes' })).status).toBe(400)
    const facilitator = (await server.invite(id, 'facilitator')).token
    expect((await post(`/api/boards/${id}/invites`, { role: 'viewer', group: true }, facilitator)).status).toBe(201)
    expect((await post(`/api/boards/${id}/invites`, { role: 'viewer', group: true }, (await server.invite(id, 'brand')).token)).status).toBe(403)
    const listed = await json<{ invites: { id: string; group: boolean; url?: string; members?: number }[] }>(await server.api(`/api/boards/${id}/invites`))
    expect(listed.invites.find((i) => i.id === g.inviteId)).toMatchObject({ group: true, url: g.url, members: 0 })
  })

  it('a group link’s token cannot sync or call the API by itself', async () => {
    const { id } = await server.createBoard()
    const g = await groupLink(id)
    expect((await rawSocket(syncUrl(server.wsUrl, id, g.token)).closed).code).toBe(4401)
    expect((await server.api(`/api/boards/${id}`, { token: g.token })).status).toBe(401)
    expect((await server.api('/api/me', { token: g.token })).status).toBe(401)
  })

  it('exchanges the link and a name for a personal token that attributes edits to that person', async () => {
    const { id } = await server.createBoard('Workshop', 'What matters?')
    const g = await groupLink(id)
    const info = await server.api('/api/join', { token: g.token })
    expect(await json(info)).toMatchObject({ boardId: id, title: 'Workshop', focusQuestion: 'What matters?', role: 'customer', label: 'Customers of partner X' })
    const res = await join(g.token, '  Gina   <b>G</b>  ')
    expect(res.status).toBe(201)
    const joined = await json<{ token: string; url: string; name: string; role: string; participantId: string; boardId: string }>(res)
    expect(joined).toMatchObject({ boardId: id, role: 'customer', name: 'Gina <b>G</b>' })
    expect(joined.url).toBe(`${server.url}/b/${id}?token=${encodeURIComponent(joined.token)}`)
    const claims = JSON.parse(Buffer.from(joined.token.split('.')[1]!, 'base64url').toString())
    expect(claims).toMatchObject({ board: id, role: 'customer', name: 'Gina <b>G</b>', sub: joined.participantId })
    expect(claims.group).toBeUndefined()

    const gina = client(id, joined.token)
    await synced(gina)
    addConcept(gina.doc, 'g1', 'from Gina')
    const people = await json<{ participants: { id: string; name: string; groupInviteId: string | null; connections: number }[] }>(
      await server.api(`/api/boards/${id}/participants`)
    )
    expect(people.participants).toEqual([expect.objectContaining({ id: joined.participantId, name: 'Gina <b>G</b>', groupInviteId: g.inviteId, connections: 1 })])
    const second = await json<{ participantId: string }>(await join(g.token, 'Hal'))
    expect(second.participantId).not.toBe(joined.participantId)
    const listed = await json<{ invites: { id: string; members?: number }[] }>(await server.api(`/api/boards/${id}/invites`))
    // The personal invites issued through the link are counted on it, not listed apart.
    expect(listed.invites).toEqual([expect.objectContaining({ id: g.inviteId, members: 2 })])
  })

  it('refuses names that are empty, too long or hold control characters, and tokens that are not group links', async () => {
    const { id } = await server.createBoard()
    const g = await groupLink(id)
    for (const bad of ['', '   ', 'x'.repeat(101), 'tab\u0007bell', 'evil\u202Eflip', 42, null]) {
      expect((await join(g.token, bad)).status, JSON.stringify(bad)).toBe(400)
    }
    const personal = (await server.invite(id, 'customer')).token
    for (const token of [personal, server.adminToken, 'garbage', `${g.token}x`]) {
      expect((await join(token, 'Someone')).status).toBe(401)
    }
    expect((await post('/api/join', { name: 'No token' }, '')).status).toBe(401)
    // The token may also come in the body.
    expect((await post('/api/join', { token: g.token, name: 'In body' }, '')).status).toBe(201)
  })

  it('revoking a group link revokes everyone who joined through it, unless keepMembers only closes the door', async () => {
    const { id } = await server.createBoard()
    const closing = await groupLink(id, 'brand', 'door only')
    const kept = await json<{ token: string }>(await join(closing.token, 'Kept'))
    const keptSocket = rawSocket(syncUrl(server.wsUrl, id, kept.token))
    await keptSocket.opened
    const r1 = await post(`/api/boards/${id}/invites/${closing.inviteId}/revoke`, { keepMembers: true })
    expect(r1.status).toBe(200)
    expect((await join(closing.token, 'Too late')).status).toBe(401)
    expect(keptSocket.ws.readyState).toBe(keptSocket.ws.OPEN)
    keptSocket.ws.close()

    const all = await groupLink(id, 'customer', 'everyone')
    const a = await json<{ token: string }>(await join(all.token, 'Ann'))
    const b = await json<{ token: string }>(await join(all.token, 'Ben'))
    const [sa, sb] = [rawSocket(syncUrl(server.wsUrl, id, a.token)), rawSocket(syncUrl(server.wsUrl, id, b.token))]
    await Promise.all([sa.opened, sb.opened])
    const r2 = await post(`/api/boards/${id}/invites/${all.inviteId}/revoke`)
    expect(r2.status).toBe(200)
    expect((await json<{ revokedParticipants: string[] }>(r2)).revokedParticipants).toHaveLength(2)
    expect((await sa.closed).code).toBe(4401)
    expect((await sb.closed).code).toBe(4401)
    expect((await server.api(`/api/boards/${id}`, { token: a.token })).status).toBe(401)
    expect((await post(`/api/boards/${id}/invites/${all.inviteId}/revoke`, { keepMembers: 'no' })).status).toBe(400)
  })

  it('refuses joining an archived board or through an expired link', async () => {
    const { id } = await server.createBoard()
    const g = await groupLink(id)
    const brief = await json<{ token: string }>(await post(`/api/boards/${id}/invites`, { role: 'viewer', group: true, ttlSeconds: 1 }))
    await patch(id, { archived: true })
    expect((await join(g.token, 'Late')).status).toBe(403)
    await patch(id, { archived: false })
    expect((await join(g.token, 'Now')).status).toBe(201)
    clock.advance(1000)
    expect((await join(brief.token, 'Too late')).status).toBe(401)
  })
})

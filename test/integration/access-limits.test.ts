import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { rawSocket, syncUrl, type RawSocket } from '../support/raw-socket'
import { ManualClock } from '../support/manual-clock'
import { startTestServer, type TestServer } from '../support/server'

// Refusals that need their own server settings: per-address rate limits (on loopback here, which is
// exempt by default), and revoked tokens, including what a revoked client sends after revocation.

let server: TestServer | null = null
const sockets: RawSocket[] = []
const clients: StockClient[] = []

afterEach(async () => {
  for (const s of sockets.splice(0)) s.ws.terminate()
  for (const c of clients.splice(0)) c.destroy()
  await server?.close(true)
  server = null
})

const open = (url: string) => {
  const s = rawSocket(url)
  sockets.push(s)
  return s
}

describe('per-address connection rate limit', () => {
  it('lets a burst of people through, cuts a flood with 429 before any token is looked at, and refills', async () => {
    // The limit's time is the server's clock: the refill is a second moved on, not a second slept.
    const clock = new ManualClock()
    const s = (server = await startTestServer({ clock, env: { RATE_LIMIT_LOOPBACK: '1', CONNECT_BURST: '5', CONNECTS_PER_SECOND: '2' } }))
    const { id } = await s.createBoard()
    const { token } = await s.invite(id, 'brand')
    const burst = Array.from({ length: 5 }, () => open(syncUrl(s.wsUrl, id, token)))
    await Promise.all(burst.map((b) => b.opened))
    // The flood: refused at the handshake whatever it carries, a valid token or garbage.
    const flood = Array.from({ length: 20 }, (_, i) => open(syncUrl(s.wsUrl, id, i % 2 ? token : 'garbage')))
    const codes = await Promise.all(flood.map(async (f) => (await f.closed).code))
    expect(codes.filter((c) => c === 'http:429')).toHaveLength(20)
    // Still refused before a token is back (2 a second: one every 500 ms).
    clock.advance(400)
    expect((await open(syncUrl(s.wsUrl, id, token)).closed).code).toBe('http:429')
    // Humans come back a moment later and get in.
    clock.advance(1000)
    const later = open(syncUrl(s.wsUrl, id, token))
    await later.opened
    // The sockets that got in were never disturbed.
    expect(burst.every((b) => b.ws.readyState === b.ws.OPEN)).toBe(true)
  })

  it('leaves loopback unlimited unless asked (tests, and a proxy on the same host)', async () => {
    const s = (server = await startTestServer({ env: { CONNECT_BURST: '2', CONNECTS_PER_SECOND: '1' } }))
    const { id } = await s.createBoard()
    const { token } = await s.invite(id, 'viewer')
    const many = Array.from({ length: 8 }, () => open(syncUrl(s.wsUrl, id, token)))
    await Promise.all(many.map((m) => m.opened))
    // Eight connections, four times the burst, all open: none was refused at the handshake.
    expect(many.filter((m) => m.ws.readyState === m.ws.OPEN)).toHaveLength(8)
  })
})

describe('per-address join rate limit', () => {
  it('answers 429 with Retry-After when one address joins too fast, and lets it join again a minute later', async () => {
    const clock = new ManualClock()
    const s = (server = await startTestServer({ clock, env: { RATE_LIMIT_LOOPBACK: '1', JOIN_BURST: '3', JOINS_PER_MINUTE: '1' } }))
    const { id } = await s.createBoard()
    const g = (await (await s.api(`/api/boards/${id}/invites`, { method: 'POST', body: JSON.stringify({ role: 'customer', group: true }) })).json()) as {
      token: string
    }
    const join = (name: string) => s.api('/api/join', { method: 'POST', body: JSON.stringify({ name }), token: g.token })
    for (const name of ['A', 'B', 'C']) expect((await join(name)).status).toBe(201)
    const refused = await join('D')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(((await refused.json()) as { error: string }).error).toMatch(/try again/)
    clock.advance(30_000)
    expect((await join('E')).status).toBe(429)
    clock.advance(60_000)
    expect((await join('F')).status).toBe(201)
  })
})

describe('revoked tokens', () => {
  const updateMessage = (update: Uint8Array) => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0)
    syncProtocol.writeUpdate(e, update)
    return encoding.toUint8Array(e)
  }
  const conceptUpdate = (id: string) => {
    const doc = new Y.Doc()
    const m = new Y.Map<unknown>()
    doc.getMap('concepts').set(id, m)
    m.set('label', id)
    m.set('x', 0)
    m.set('y', 0)
    return Y.encodeStateAsUpdate(doc)
  }

  it('never applies, journals or relays what a revoked client sends after the revocation', async () => {
    const s = (server = await startTestServer())
    const { id } = await s.createBoard()
    const brand = await s.invite(id, 'brand', 'Soon revoked')
    const witness = stockClient(s.wsUrl, id, (await s.invite(id, 'viewer')).token)
    clients.push(witness)
    await synced(witness)
    const socket = open(syncUrl(s.wsUrl, id, brand.token))
    await socket.opened
    socket.ws.send(updateMessage(conceptUpdate('before')))
    await waitFor(() => witness.doc.getMap('concepts').has('before'), 3000, 'the edit before revocation')

    const revoked = await s.api(`/api/boards/${id}/participants/${brand.participantId}/revoke`, { method: 'POST' })
    expect(revoked.status).toBe(200)
    // The server has said goodbye; a client that ignores it and keeps talking changes nothing.
    socket.ws.send(updateMessage(conceptUpdate('after')))
    expect((await socket.closed).code).toBe(4401)
    // A client that joins now gets the board as the server holds it, after everything the closed socket sent.
    const late = stockClient(s.wsUrl, id, (await s.invite(id, 'viewer')).token)
    clients.push(late)
    await synced(late)
    expect([...late.doc.getMap('concepts').keys()]).toEqual(['before'])
    expect(witness.doc.getMap('concepts').has('after')).toBe(false)
  })

  it('refuses a revoked participant, a revoked invite and a revoked group link everywhere (401 / 4401)', async () => {
    const s = (server = await startTestServer())
    const { id } = await s.createBoard()
    const person = await s.invite(id, 'customer', 'Revoked person')
    const byInvite = await s.invite(id, 'brand', 'Revoked invite')
    const g = (await (await s.api(`/api/boards/${id}/invites`, { method: 'POST', body: JSON.stringify({ role: 'customer', group: true }) })).json()) as {
      token: string
      inviteId: string
    }
    const member = (await (await s.api('/api/join', { method: 'POST', body: JSON.stringify({ name: 'Member' }), token: g.token })).json()) as { token: string }
    const invites = (await (await s.api(`/api/boards/${id}/invites`)).json()) as { invites: { id: string; name: string | null }[] }
    await s.api(`/api/boards/${id}/participants/${person.participantId}/revoke`, { method: 'POST' })
    await s.api(`/api/boards/${id}/invites/${invites.invites.find((i) => i.name === 'Revoked invite')!.id}/revoke`, { method: 'POST' })
    await s.api(`/api/boards/${id}/invites/${g.inviteId}/revoke`, { method: 'POST' })
    for (const token of [person.token, byInvite.token, member.token]) {
      expect((await open(syncUrl(s.wsUrl, id, token)).closed).code).toBe(4401)
      expect((await s.api(`/api/boards/${id}`, { token })).status).toBe(401)
      expect((await s.api(`/api/boards/${id}/export?format=txt`, { token })).status).toBe(401)
    }
    expect((await s.api('/api/join', { method: 'POST', body: JSON.stringify({ name: 'New' }), token: g.token })).status).toBe(401)
    expect((await s.api('/api/join', { token: g.token })).status).toBe(401)
  })
})

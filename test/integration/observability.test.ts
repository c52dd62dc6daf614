import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readConfig } from '../../server/config'
import { createLogger } from '../../server/log'
import { startServer, type RunningServer } from '../../server/start-server'
import { encodeUpdate } from '../../server/sync/protocol'
import { addConcept, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { parsePrometheusText, sampleValue, type Sample } from '../support/prometheus-text'
import { rawSocket, syncUrl } from '../support/raw-socket'
import { CLIENT_DIR, startTestServer, type TestServer } from '../support/server'

const clients: StockClient[] = []
const cleanups: Array<() => Promise<void>> = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const done of cleanups.splice(0).reverse()) await done()
})

async function serverWith(env: Record<string, string> = {}): Promise<TestServer> {
  const server = await startTestServer({ env })
  cleanups.push(() => server.close(true))
  return server
}

function client(server: TestServer, boardId: string, token: string): StockClient {
  const c = stockClient(server.wsUrl, boardId, token)
  clients.push(c)
  return c
}

async function scrape(server: TestServer): Promise<Sample[]> {
  const res = await fetch(`${server.url}/metrics`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
  return parsePrometheusText(await res.text())
}

/** A sync update message holding one new concept, as a client would send it. */
function updateMessage(label: string): Uint8Array {
  const doc = new Y.Doc()
  addConcept(doc, `c-${label}`, label)
  const message = encodeUpdate(Y.encodeStateAsUpdate(doc))
  doc.destroy()
  return message
}

describe('GET /metrics', () => {
  it('counts accepted and refused updates, relays, fsyncs, refused upgrades and HTTP requests', async () => {
    const server = await serverWith({ MAX_FRAME_BYTES: String(64 * 1024), UPDATE_BURST: '20', UPDATES_PER_SECOND: '1' })
    const { id } = await server.createBoard()
    const brand = client(server, id, (await server.invite(id, 'brand')).token)
    const witness = client(server, id, (await server.invite(id, 'customer')).token)
    const viewer = client(server, id, (await server.invite(id, 'viewer')).token)
    await Promise.all([synced(brand), synced(witness), synced(viewer)])

    const before = await scrape(server)
    expect(sampleValue(before, 'cg_sync_connections_open')).toBe(3)
    expect(sampleValue(before, 'cg_boards_loaded')).toBe(1)

    // Accepted: three edits, each journaled and relayed to the witness.
    for (const n of [1, 2, 3]) addConcept(brand.doc, `b${n}`, `edit ${n}`)
    await waitFor(() => witness.doc.getMap('concepts').size === 3, 10_000, 'relay of three edits')

    // Refused with message type 2: a viewer, then brand on a locked board.
    addConcept(viewer.doc, 'v', 'from a viewer')
    await waitFor(() => viewer.permissionDenied.length > 0, 10_000, 'viewer refusal')
    const locked = await server.api(`/api/boards/${id}`, { method: 'PATCH', body: JSON.stringify({ locked: true }) })
    expect(locked.status).toBe(200)
    addConcept(brand.doc, 'l', 'on a locked board')
    await waitFor(() => brand.permissionDenied.length > 0, 10_000, 'locked refusal')
    await server.api(`/api/boards/${id}`, { method: 'PATCH', body: JSON.stringify({ locked: false }) })

    const token = (await server.invite(id, 'brand')).token
    // 1013: more updates than the burst allows.
    const flood = rawSocket(syncUrl(server.wsUrl, id, token))
    await flood.opened
    for (let i = 0; i < 40; i++) flood.ws.send(updateMessage(`flood-${i}`))
    expect((await flood.closed).code).toBe(1013)
    // 1009: a frame over MAX_FRAME_BYTES.
    const big = rawSocket(syncUrl(server.wsUrl, id, token))
    await big.opened
    big.ws.send(new Uint8Array(70 * 1024))
    expect((await big.closed).code).toBe(1009)
    // 4400: bytes that are no message.
    const garbage = rawSocket(syncUrl(server.wsUrl, id, token))
    await garbage.opened
    garbage.ws.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]))
    expect((await garbage.closed).code).toBe(4400)
    // Refused at the upgrade: a bad token, an unknown board.
    expect((await rawSocket(syncUrl(server.wsUrl, id, 'not-a-token')).closed).code).toBe(4401)
    expect((await rawSocket(syncUrl(server.wsUrl, 'no-such-board', server.adminToken)).closed).code).toBe(4404)

    expect((await server.api(`/api/boards/${id}`)).status).toBe(200)
    expect((await server.api(`/api/boards/${id}`, { token: 'wrong' })).status).toBe(401)
    expect((await fetch(`${server.url}/no/such/${id}`)).status).toBe(404)

    // fsync runs in groups after the appends: wait until the histogram has seen one.
    let after: Sample[] = []
    const deadline = Date.now() + 10_000
    do {
      after = await scrape(server)
      if (sampleValue(after, 'cg_journal_fsync_duration_seconds_count') > 0) break
      await new Promise((r) => setTimeout(r, 50))
    } while (Date.now() < deadline)

    const refused = (reason: string) => sampleValue(after, 'cg_sync_updates_refused_total', { reason })
    // The three edits, and the flood's burst of 20 (a slow machine may refill a token or two meanwhile).
    const accepted = sampleValue(after, 'cg_sync_updates_accepted_total')
    expect(accepted).toBeGreaterThanOrEqual(23)
    expect(accepted).toBeLessThan(40)
    expect(sampleValue(after, 'cg_sync_relay_latency_seconds_count')).toBe(accepted)
    expect(sampleValue(after, 'cg_sync_relay_latency_seconds_sum')).toBeGreaterThan(0)
    expect(sampleValue(after, 'cg_sync_relay_latency_seconds_bucket', { le: '+Inf' })).toBe(sampleValue(after, 'cg_sync_relay_latency_seconds_count'))
    expect(refused('read-only')).toBe(1)
    expect(refused('locked')).toBe(1)
    expect(refused('rate-limit')).toBe(1)
    expect(refused('too-big')).toBe(1)
    expect(refused('malformed')).toBe(1)
    expect(refused('journal')).toBe(0)
    expect(sampleValue(after, 'cg_journal_fsync_duration_seconds_count')).toBeGreaterThan(0)
    expect(sampleValue(after, 'cg_sync_upgrades_refused_total', { code: '4401' })).toBe(1)
    expect(sampleValue(after, 'cg_sync_upgrades_refused_total', { code: '4404' })).toBe(1)
    expect(sampleValue(after, 'cg_http_requests_total', { method: 'POST', route: '/api/boards', status: '201' })).toBe(1)
    expect(sampleValue(after, 'cg_http_requests_total', { method: 'GET', route: '/api/boards/:id', status: '200' })).toBe(1)
    expect(sampleValue(after, 'cg_http_requests_total', { method: 'GET', route: '/api/boards/:id', status: '401' })).toBe(1)
    expect(sampleValue(after, 'cg_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1)
    expect(sampleValue(after, 'cg_http_request_duration_seconds_count', { method: 'GET', route: '/api/boards/:id' })).toBe(2)
    expect(sampleValue(after, 'cg_http_requests_total', { method: 'PATCH', route: '/api/boards/:id', status: '200' })).toBe(2)
    expect(sampleValue(after, 'process_resident_memory_bytes')).toBeGreaterThan(0)
    expect(sampleValue(after, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0)
    // Bounded labels: no board id, no raw path, no token in any label.
    for (const s of after) {
      for (const v of Object.values(s.labels)) {
        expect(v).not.toContain(id)
        expect(v).not.toContain(server.adminToken)
      }
    }
    // The closed raw sockets leave their room once the server sees their TCP close.
    let open = 0
    for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
      open = sampleValue(await scrape(server), 'cg_sync_connections_open')
      if (open === 3) break
    }
    expect(open).toBe(3)
  })

  async function status(server: TestServer, token?: string): Promise<number> {
    const res = await fetch(`${server.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
    await res.arrayBuffer()
    return res.status
  }

  it('is served to loopback by default', async () => {
    const server = await serverWith()
    expect(await status(server)).toBe(200)
  })

  it('with METRICS_ACCESS=token needs the admin token as Bearer, even from loopback', async () => {
    const server = await serverWith({ METRICS_ACCESS: 'token' })
    const { id } = await server.createBoard()
    const facilitator = (await server.invite(id, 'facilitator')).token
    expect(await status(server)).toBe(401)
    expect(await status(server, 'not-the-admin-token')).toBe(403)
    expect(await status(server, facilitator)).toBe(403)
    expect(await status(server, server.adminToken)).toBe(200)
    // Never from the query string: proxies log URLs.
    expect((await fetch(`${server.url}/metrics?token=${server.adminToken}`)).status).toBe(401)
  })

  it('with METRICS_ACCESS=loopback-or-token serves loopback without a token; with off there is no endpoint', async () => {
    const either = await serverWith({ METRICS_ACCESS: 'loopback-or-token' })
    expect(await status(either)).toBe(200)
    const off = await serverWith({ METRICS_ACCESS: 'off' })
    expect(await status(off)).toBe(404)
    expect(await status(off, off.adminToken)).toBe(404)
  })

  it('refuses an unknown METRICS_ACCESS at start', () => {
    expect(() => readConfig({ METRICS_ACCESS: 'everyone' })).toThrow(/METRICS_ACCESS/)
  })
})

describe('logs', () => {
  it('give every request and connection an id and never hold a token', async () => {
    let captured = ''
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        captured += chunk.toString()
        done()
      }
    })
    const dataDir = await mkdtemp(join(tmpdir(), 'cg-obs-'))
    const adminToken = `adm-${randomBytes(12).toString('hex')}`
    const running: RunningServer = await startServer(
      readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: adminToken, MAX_FRAME_BYTES: String(64 * 1024) }),
      createLogger('debug', sink),
      CLIENT_DIR
    )
    cleanups.push(async () => {
      await running.close()
      await rm(dataDir, { recursive: true, force: true })
    })
    const url = running.url
    const wsUrl = `ws://127.0.0.1:${running.port}/sync`
    const bearer = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' })
    const secrets = [adminToken]

    const board = (await (await fetch(`${url}/api/boards`, { method: 'POST', headers: bearer(adminToken), body: '{"title":"Logs"}' })).json()) as { id: string }
    const invite = async (body: object) => {
      const res = await fetch(`${url}/api/boards/${board.id}/invites`, { method: 'POST', headers: bearer(adminToken), body: JSON.stringify(body) })
      expect(res.status).toBe(201)
      const { token } = (await res.json()) as { token: string }
      secrets.push(token)
      return token
    }
    const brand = await invite({ role: 'brand', name: 'Bea' })
    const group = await invite({ role: 'customer', group: true, label: 'Room' })
    const bogus = `bogus-${randomBytes(12).toString('hex')}`
    secrets.push(bogus)

    // Tokens in ?token=, in Authorization, in bodies, in a URL inside a query, and a sane incoming request id.
    const traced = await fetch(`${url}/api/boards/${board.id}?token=${encodeURIComponent(brand)}`, { headers: { 'x-request-id': 'trace-42' } })
    expect(traced.status).toBe(200)
    expect(traced.headers.get('x-request-id')).toBe('trace-42')
    const fresh = await fetch(`${url}/api/boards?token=${bogus}`, { headers: { 'x-request-id': 'not sane; <script>' } })
    expect(fresh.status).toBe(401)
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const joined = await fetch(`${url}/api/join`, { method: 'POST', headers: bearer(group), body: JSON.stringify({ name: 'Cy', token: group }) })
    expect(joined.status).toBe(201)
    secrets.push(((await joined.json()) as { token: string }).token)
    await fetch(`${url}/api/boards/${board.id}`, { method: 'PATCH', headers: bearer(adminToken), body: `{"title": "${adminToken}` })
    await fetch(`${url}/oembed?format=json&url=${encodeURIComponent(`${url}/b/${board.id}?token=${brand}`)}`)
    await fetch(`${url}/api/boards/${board.id}/export?format=json&token=${encodeURIComponent(brand)}`)

    // Sync: a stock client (token in ?token=), a refused one, one closed for a frame too big.
    const c = stockClient(wsUrl, board.id, brand)
    clients.push(c)
    await synced(c)
    addConcept(c.doc, 'x', 'hello')
    expect((await rawSocket(syncUrl(wsUrl, board.id, bogus)).closed).code).toBe(4401)
    const big = rawSocket(syncUrl(wsUrl, board.id, brand))
    await big.opened
    big.ws.send(new Uint8Array(70 * 1024))
    expect((await big.closed).code).toBe(1009)
    c.destroy()
    clients.splice(clients.indexOf(c), 1)

    await waitFor(() => captured.split('\n').filter((l) => l.includes('"sync closed"')).length >= 2, 10_000, 'the close log lines')
    const lines = captured
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)

    for (const secret of secrets) expect(captured, 'a token reached the logs').not.toContain(secret)

    const requests = lines.filter((l) => l.msg === 'request')
    expect(requests.length).toBeGreaterThanOrEqual(8)
    for (const r of requests) {
      expect(r).toEqual(expect.objectContaining({ reqId: expect.any(String), method: expect.any(String), route: expect.any(String), status: expect.any(Number), ms: expect.any(Number) }))
      expect(String(r.route)).not.toContain(board.id)
    }
    expect(requests.find((r) => r.reqId === 'trace-42')).toEqual(expect.objectContaining({ method: 'GET', route: '/api/boards/:id', status: 200 }))
    expect(requests.find((r) => r.route === '/api/boards' && r.status === 401)?.reqId).toBe(fresh.headers.get('x-request-id'))

    const connected = lines.filter((l) => l.msg === 'sync connected')
    const closed = lines.filter((l) => l.msg === 'sync closed')
    const refused = lines.filter((l) => l.msg === 'sync refused')
    expect(connected).toHaveLength(2)
    expect(refused).toEqual([expect.objectContaining({ conn: expect.any(String), code: '4401' })])
    const ids = new Set(connected.map((l) => l.conn))
    expect(ids.size).toBe(2)
    for (const l of closed) expect(ids.has(l.conn)).toBe(true)
    expect(closed.find((l) => l.code === 1009)).toEqual(expect.objectContaining({ by: 'server', board: board.id }))
    // Every line about a connection carries its id (the oversized frame's socket error included).
    expect(lines.filter((l) => l.msg === 'socket error').every((l) => ids.has(l.conn))).toBe(true)
  })
})

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Access } from '../../auth/access'
import { TokenSigner } from '../../auth/tokens'
import { DownloadTickets } from '../../auth/download-tickets'
import { ExchangeRunner } from '../../exchange/worker-runner'
import { readConfig } from '../../config'
import { createLogger } from '../../log'
import { isLoopbackAddress, type MetricsAccess } from '../../observability/prometheus-access'
import { createServiceMetrics } from '../../observability/service-metrics'
import { roomLimits } from '../../start-server'
import { openEmbeddedStore } from '../../store/embedded/embedded-store'
import type { Store } from '../../store/store'
import { boardPolicy } from '../../boards/board-policy'
import { RoomRegistry } from '../../sync/room-registry'
import { createApp } from '../app'
import { systemClock } from '../../clock'

const ADMIN = 'admin-secret'
let dataDir: string
let store: Store

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cg-prom-'))
  store = await openEmbeddedStore({ dataDir, fsyncIntervalMs: 5, log: createLogger('silent') })
})

afterEach(async () => {
  await store.close()
  await rm(dataDir, { recursive: true, force: true })
})

function appWith(metricsAccess: MetricsAccess) {
  const log = createLogger('silent')
  const now = () => Date.now()
  const access = new Access(new TokenSigner(Buffer.alloc(32, 7)), ADMIN, store.metadata, now)
  const registry = new RoomRegistry({
    journals: store.journals,
    log,
    clock: systemClock,
    limits: roomLimits(readConfig({})),
    checkpointEvery: 1000,
    idleUnloadMs: 10,
    maxBytesBeforeReady: 1 << 20,
    isLocked: async () => false,
    policy: boardPolicy
  })
  const metrics = createServiceMetrics()
  return createApp({ store, access, tickets: new DownloadTickets(Buffer.alloc(32, 7), now), registry, exchange: new ExchangeRunner(), log, now, publicUrl: () => 'https://cg.example', clientDir: dataDir, serviceMetrics: metrics, serviceMetricsAccess: metricsAccess })
}

/** A scrape as if from `remote` (the socket's address, as @hono/node-server passes it). */
async function scrape(mode: MetricsAccess, remote: string | undefined, token?: string, headers: Record<string, string> = {}) {
  const res = await appWith(mode).request(
    '/metrics',
    { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } },
    { incoming: { socket: { remoteAddress: remote } } }
  )
  return { status: res.status, text: await res.text() }
}

describe('GET /metrics access', () => {
  it('loopback (the default) serves 127.0.0.0/8 and ::1 and refuses any other address, admin token or not', async () => {
    for (const remote of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      const { status, text } = await scrape('loopback', remote)
      expect(status, remote).toBe(200)
      expect(text).toContain('# TYPE cg_sync_updates_accepted_total counter')
    }
    for (const remote of ['10.0.0.5', '192.168.1.20', '2001:db8::1', '::ffff:10.0.0.5', '128.0.0.1', undefined]) {
      expect((await scrape('loopback', remote, ADMIN)).status, String(remote)).toBe(403)
    }
  })

  it('never takes a forwarded header for the address', async () => {
    const headers = { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1', forwarded: 'for=127.0.0.1' }
    expect((await scrape('loopback', '203.0.113.7', undefined, headers)).status).toBe(403)
  })

  it('token needs the admin token as Bearer, from any address', async () => {
    expect((await scrape('token', '127.0.0.1')).status).toBe(401)
    expect((await scrape('token', '127.0.0.1', 'wrong')).status).toBe(403)
    expect((await scrape('token', '203.0.113.7', ADMIN)).status).toBe(200)
    expect((await scrape('token', '127.0.0.1', ADMIN)).status).toBe(200)
  })

  it('loopback-or-token serves loopback freely and others with the admin token', async () => {
    expect((await scrape('loopback-or-token', '127.0.0.1')).status).toBe(200)
    expect((await scrape('loopback-or-token', '203.0.113.7')).status).toBe(401)
    expect((await scrape('loopback-or-token', '203.0.113.7', 'wrong')).status).toBe(403)
    expect((await scrape('loopback-or-token', '203.0.113.7', ADMIN)).status).toBe(200)
  })

  it('off has no endpoint at all', async () => {
    expect((await scrape('off', '127.0.0.1', ADMIN)).status).toBe(404)
  })
})

describe('request ids', () => {
  it('echoes a sane X-Request-Id and replaces anything else with a fresh one', async () => {
    const app = appWith('loopback')
    const kept = await app.request('/healthz', { headers: { 'x-request-id': 'lb-7f3a.42' } })
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.42')
    for (const bad of ['x'.repeat(65), 'two words', '"quoted"', '-leading-dash']) {
      const res = await app.request('/healthz', { headers: { 'x-request-id': bad } })
      expect(res.headers.get('x-request-id'), bad).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    }
    const a = (await app.request('/healthz')).headers.get('x-request-id')
    const b = (await app.request('/no/such/path')).headers.get('x-request-id')
    expect(a).toBeTruthy()
    expect(b).toBeTruthy()
    expect(a).not.toBe(b)
  })
})

describe('isLoopbackAddress', () => {
  it('knows the loopback forms and nothing else', () => {
    expect(['127.0.0.1', '127.255.255.254', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.2'].every(isLoopbackAddress)).toBe(true)
    expect(['', '0.0.0.0', '::', '::2', '1.127.0.0', '127.0.0', 'localhost', '::ffff:192.0.2.1', 'fe80::1'].some(isLoopbackAddress)).toBe(false)
  })
})

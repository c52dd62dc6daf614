import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, onTestFinished } from 'vitest'
import { readConfig } from '../../server/config'
import { contentDisposition } from '../../server/exchange/download-headers'
import { freePort, startChildServer } from '../support/child-server'
import { rawSocket, syncUrl } from '../support/raw-socket'
import { startTestServer, type TestServer, type TestServerOptions } from '../support/server'

/** The smaller findings of issue 19 (item 7), each against the real server. */
let server: TestServer | null = null

afterEach(async () => {
  await server?.close(true)
  server = null
})

async function start(options: TestServerOptions = {}): Promise<TestServer> {
  server = await startTestServer(options)
  return server
}

describe('pages and assets', () => {
  it('sends /replay/:id with the pages’ CSP, never framed', async () => {
    const s = await start()
    const { id } = await s.createBoard()
    const res = await fetch(`${s.url}/replay/${id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
  })

  it('serves no source maps unless SOURCE_MAPS=1', async () => {
    const s = await start()
    expect((await fetch(`${s.url}/assets/board.js`)).status).toBe(200)
    expect((await fetch(`${s.url}/assets/board.js.map`)).status).toBe(404)
    await s.close(true)
    const withMaps = await start({ env: { SOURCE_MAPS: '1' } })
    expect((await fetch(`${withMaps.url}/assets/board.js.map`)).status).toBe(200)
  })

  it('sends built files compressed, answers a revalidation with 304, and lets hashed chunks be kept for good', async () => {
    const s = await start()
    const board = await fetch(`${s.url}/assets/board.js`, { headers: { 'accept-encoding': 'br, gzip' } })
    expect(board.headers.get('content-encoding')).toBe('br')
    expect(board.headers.get('vary')).toBe('accept-encoding')
    // An entry keeps its name from build to build: always revalidated, and a 304 when unchanged.
    expect(board.headers.get('cache-control')).toBe('no-cache')
    const etag = board.headers.get('etag')!
    expect((await board.text()).length).toBeGreaterThan(1000)
    const again = await fetch(`${s.url}/assets/board.js`, { headers: { 'if-none-match': etag } })
    expect([again.status, await again.text()]).toEqual([304, ''])
    const gz = await fetch(`${s.url}/assets/board.js`, { headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    const plain = await fetch(`${s.url}/assets/board.js`, { headers: { 'accept-encoding': 'identity' } })
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await gz.text()).toBe(await plain.text())

    const offline = (await (await fetch(`${s.url}/assets/board-offline.json`)).json()) as string[]
    const chunk = offline.find((u) => u.startsWith('/assets/chunks/'))!
    const res = await fetch(`${s.url}${chunk}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    // The page shells carry their policy on a 304 too.
    const shell = await fetch(`${s.url}/`)
    const shell304 = await fetch(`${s.url}/`, { headers: { 'if-none-match': shell.headers.get('etag')! } })
    expect(shell304.status).toBe(304)
    expect(shell304.headers.get('content-security-policy')).toBe(shell.headers.get('content-security-policy'))
  })

  it('keeps bidirectional controls out of download file names', () => {
    const header = contentDisposition('Map\u202Egpj.exe', 'svg')
    expect(header).not.toMatch(/%E2%80%AE/)
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe('Mapgpj.exe.svg')
  })
})

describe('tokens and addresses', () => {
  it('refuses an ADMIN_TOKEN shorter than 16 characters at start', () => {
    expect(() => readConfig({ ADMIN_TOKEN: 'short' })).toThrow(/ADMIN_TOKEN must be at least 16/)
    expect(readConfig({ ADMIN_TOKEN: 'x'.repeat(16) }).adminToken).toBe('x'.repeat(16))
  })

  it('throttles failed token checks per address (429 before the token is looked at)', async () => {
    const s = await start({ env: { RATE_LIMIT_LOOPBACK: '1' } })
    for (let i = 0; i < 20; i++) expect((await s.api('/api/boards', { token: `guess-${i}` })).status).toBe(401)
    const refused = await s.api('/api/boards')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('with TRUST_PROXY=1, a forwarded request to /metrics is the client’s, not loopback', async () => {
    const s = await start({ env: { TRUST_PROXY: '1' } })
    expect((await fetch(`${s.url}/metrics`)).status).toBe(200)
    expect((await fetch(`${s.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403)
    const direct = await start({ env: {} })
    expect((await fetch(`${direct.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(200)
    await s.close(true)
  })

  it('trusts no Host header for the own origin: a rebound name is refused, PUBLIC_URL and loopback are not', async () => {
    const s = await start()
    const { id } = await s.createBoard()
    const { token } = await s.invite(id, 'brand')
    const host = `rebound.example:${s.port}`
    const rebound = rawSocket(syncUrl(s.wsUrl, id, token), { origin: `http://${host}`, headers: { host } })
    expect((await rebound.closed).code).toBe(4403)
    const own = rawSocket(syncUrl(s.wsUrl, id, token), { origin: s.url })
    await own.opened
    own.ws.close()
  })
})

describe('the data directory', () => {
  it('is created 0700 and the files in it are 0600', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'cg-modes-'))
    onTestFinished(() => rm(parent, { recursive: true, force: true }))
    const dataDir = join(parent, 'data')
    const port = await freePort()
    const child = await startChildServer({ DATA_DIR: dataDir, ADMIN_TOKEN: 'modes-admin-token' }, port)
    onTestFinished(() => void child.process.kill('SIGKILL'))
    const res = await fetch(`${child.url}/api/boards`, {
      method: 'POST',
      headers: { authorization: 'Bearer modes-admin-token', 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Modes' })
    })
    expect(res.status).toBe(201)
    child.process.kill('SIGTERM')
    await child.exited
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700)
    const modes = new Set<number>()
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) {
          expect((await stat(path)).mode & 0o777).toBe(0o700)
          await walk(path)
        } else {
          modes.add((await stat(path)).mode & 0o777)
        }
      }
    }
    await walk(dataDir)
    expect([...modes]).toEqual([0o600])
  })
})

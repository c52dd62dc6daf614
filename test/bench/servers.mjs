// The three servers under test: how to start each one, when it is ready, how to get boards and
// credentials on it, and what a load generator needs to connect. Adding a server means adding an
// entry to SERVERS.
import { createServer } from 'node:net'
import { existsSync, mkdtempSync, openSync, rmSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { spawnTracked, stopChild } from './children.mjs'

const here = dirname(fileURLToPath(import.meta.url))
export const repoRoot = join(here, '..', '..')
const HOST = '127.0.0.1'

// The package's exports map hides its bin, so locate the package root via package.json.
const require = createRequire(import.meta.url)
const referenceBin = join(dirname(require.resolve('@y/websocket-server/package.json')), 'src', 'server.js')
// Overridable so the harness can be pointed at another build (or a stand-in) of our server.
const oursMain = process.env.BENCH_OURS_MAIN || join(repoRoot, 'dist', 'server', 'main.js')

// Temp data dirs still to delete; run synchronously on exit so Ctrl-C doesn't leave them behind.
const pendingCleanups = new Set()
process.on('exit', () => {
  for (const cleanup of pendingCleanups) cleanup()
})

export const SERVERS = {
  ours: {
    describe: `Common Ground (${oursMain}, fsync journal)`,
    unavailable: () => (existsSync(oursMain) ? null : `${oursMain} not found (run \`npm run build\` once the server has landed)`),
    prepare() {
      const dataDir = mkdtempSync(join(tmpdir(), 'cg-bench-'))
      const adminToken = randomBytes(24).toString('base64url')
      return {
        args: [oursMain],
        env: { DATA_DIR: dataDir, ADMIN_TOKEN: adminToken },
        readyPath: '/healthz',
        adminToken,
        cleanup: () => rmSync(dataDir, { recursive: true, force: true })
      }
    },
    async provision(server, boardCount, clientsPerBoard) {
      const api = (path, body) => postJson(`${server.httpUrl}${path}`, body, server.adminToken)
      return mapLimit(range(boardCount), 8, async (b) => {
        const board = await api('/api/boards', { title: `bench board ${b}` })
        const tokens = []
        for (let i = 0; i < clientsPerBoard; i++) {
          // Both writing roles, so any role-dependent path on the server is exercised.
          const role = i % 2 === 0 ? 'brand' : 'customer'
          const invite = await api(`/api/boards/${encodeURIComponent(board.id)}/invites`, { role, name: `load-${b}-${i}` })
          tokens.push(invite.token)
        }
        return tokens.map((token) => ({ kind: 'y-websocket', url: `${server.wsUrl}/sync`, room: board.id, params: { token } }))
      })
    }
  },
  reference: {
    describe: '@y/websocket-server 0.1.1 (memory)',
    unavailable: () => null,
    prepare: () => ({ args: [referenceBin], env: {}, readyPath: '/' }),
    async provision(server, boardCount, clientsPerBoard) {
      return range(boardCount).map((b) =>
        range(clientsPerBoard).map(() => ({ kind: 'y-websocket', url: server.wsUrl, room: `bench-${b}`, params: {} }))
      )
    }
  },
  hocuspocus: {
    describe: '@hocuspocus/server 4 (memory)',
    unavailable: () => null,
    prepare: () => ({ args: [join(here, 'hocuspocus-server.mjs')], env: {}, readyPath: '/' }),
    async provision(server, boardCount, clientsPerBoard) {
      return range(boardCount).map((b) =>
        range(clientsPerBoard).map(() => ({ kind: 'hocuspocus', url: server.wsUrl, room: `bench-${b}` }))
      )
    }
  }
}

/** Starts a server in its own process and resolves once it answers HTTP on `readyPath`. */
export async function startServer(name, logPath) {
  const def = SERVERS[name]
  const prep = def.prepare()
  if (prep.cleanup) pendingCleanups.add(prep.cleanup)
  const port = await freePort()
  const log = openSync(logPath, 'w')
  const child = spawnTracked(process.execPath, prep.args, {
    cwd: repoRoot,
    env: { ...process.env, ...prep.env, HOST, PORT: String(port) },
    stdio: ['ignore', log, log]
  })
  closeSync(log)
  const server = {
    name,
    child,
    pid: child.pid,
    port,
    httpUrl: `http://${HOST}:${port}`,
    wsUrl: `ws://${HOST}:${port}`,
    adminToken: prep.adminToken,
    async stop() {
      await stopChild(child)
      if (prep.cleanup) {
        pendingCleanups.delete(prep.cleanup)
        prep.cleanup()
      }
    }
  }
  try {
    await waitForHttp(`${server.httpUrl}${prep.readyPath}`, child, 20_000)
  } catch (err) {
    await server.stop()
    throw new Error(`${name} did not become ready: ${err.message} (log: ${logPath})`)
  }
  return server
}

async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  let last = 'no answer'
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`process exited (${child.exitCode ?? child.signalCode})`)
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) })
      if (res.ok) return
      last = `HTTP ${res.status}`
    } catch (err) {
      last = err.cause?.code ?? err.message
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url}: ${last} after ${timeoutMs} ms`)
}

async function postJson(url, body, bearer) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000)
  })
  const text = await res.text()
  if (res.status !== 201) throw new Error(`POST ${new URL(url).pathname} → ${res.status} ${text.slice(0, 200)}`)
  return JSON.parse(text)
}

// Binding port 0 and releasing it can race with another process, but only loopback is in play.
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, HOST, () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

const range = (n) => Array.from({ length: n }, (_, i) => i)

async function mapLimit(items, limit, fn) {
  const out = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i])
    }
  }
  await Promise.all(range(Math.min(limit, items.length)).map(worker))
  return out
}

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
import pg from 'pg'
import { spawnTracked, stopChild } from './children.mjs'

const here = dirname(fileURLToPath(import.meta.url))
export const repoRoot = join(here, '..', '..')
const HOST = '127.0.0.1'

// The package's exports map hides its bin, so locate the package root via package.json.
const require = createRequire(import.meta.url)
const referenceBin = join(dirname(require.resolve('@y/websocket-server/package.json')), 'src', 'server.js')
// Overridable so the harness can be pointed at another build (or a stand-in) of our server.
const oursMain = process.env.BENCH_OURS_MAIN || join(repoRoot, 'dist', 'server', 'main.js')
// Scale-out cells: a fresh schema per cell in this PostgreSQL, and this Redis (channels are per board id).
const benchDatabaseUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'
const benchRedisUrl = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379'

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
  // Ours on PostgreSQL and Redis: one instance, then two behind no balancer (clients dealt alternately).
  'ours-pg': scaleOut(1),
  'ours-2x': scaleOut(2),
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
  // The durable peer: Hocuspocus storing documents to an SQLite file through its extension.
  'hocuspocus-sqlite': {
    describe: '@hocuspocus/server 4 + @hocuspocus/extension-sqlite (file)',
    unavailable: () => sqliteUnavailable(),
    prepare() {
      const dataDir = mkdtempSync(join(tmpdir(), 'cg-bench-hp-'))
      return {
        args: [join(here, 'hocuspocus-server.mjs')],
        env: { HOCUSPOCUS_SQLITE: join(dataDir, 'documents.sqlite') },
        readyPath: '/',
        cleanup: () => rmSync(dataDir, { recursive: true, force: true })
      }
    },
    provision: (server, boardCount, clientsPerBoard) => SERVERS.hocuspocus.provision(server, boardCount, clientsPerBoard)
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

function scaleOut(instances) {
  return {
    describe: `Common Ground × ${instances} (${oursMain}, PostgreSQL journal${instances > 1 ? ', Redis fan-out' : ''})`,
    instances,
    unavailable: () => (existsSync(oursMain) ? null : `${oursMain} not found (run \`npm run build\`)`),
    prepare() {
      const dataDir = mkdtempSync(join(tmpdir(), 'cg-bench-'))
      const adminToken = randomBytes(24).toString('base64url')
      const schema = `cg_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
      return {
        args: [oursMain],
        env: {
          DATA_DIR: dataDir,
          ADMIN_TOKEN: adminToken,
          DATABASE_URL: benchDatabaseUrl,
          DATABASE_SCHEMA: schema,
          ...(instances > 1 ? { REDIS_URL: benchRedisUrl } : {})
        },
        readyPath: '/healthz',
        adminToken,
        cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
        cleanupAsync: () => dropSchema(schema)
      }
    },
    async provision(server, boardCount, clientsPerBoard) {
      const targets = await SERVERS.ours.provision(server, boardCount, clientsPerBoard)
      // Each board's clients alternate between the instances: every edit crosses instances for about half its receivers.
      let n = 0
      return targets.map((board) => board.map((t) => ({ ...t, url: `${server.wsUrls[n++ % server.wsUrls.length]}/sync` })))
    }
  }
}

// better-sqlite3 is a native module built at install time; say so rather than fail the cell.
function sqliteUnavailable() {
  try {
    require('better-sqlite3')
    return null
  } catch (err) {
    return `better-sqlite3 does not load (${err.message.split('\n')[0]}): the SQLite peer needs it built (npm rebuild better-sqlite3)`
  }
}

async function dropSchema(schema) {
  const client = new pg.Client({ connectionString: benchDatabaseUrl })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  } finally {
    await client.end()
  }
}

/**
 * Starts a server in its own process (or `instances` processes on one store) and resolves once each
 * answers HTTP on `readyPath`. `pid` is the first process; `pids` all of them.
 */
export async function startServer(name, logPath) {
  const def = SERVERS[name]
  const prep = def.prepare()
  if (prep.cleanup) pendingCleanups.add(prep.cleanup)
  const children = []
  const ports = []
  for (let i = 0; i < (def.instances ?? 1); i++) {
    const port = await freePort()
    const log = openSync(i === 0 ? logPath : logPath.replace(/\.log$/, `-${i + 1}.log`), 'w')
    children.push(
      spawnTracked(process.execPath, prep.args, {
        cwd: repoRoot,
        env: { ...process.env, ...prep.env, HOST, PORT: String(port) },
        stdio: ['ignore', log, log]
      })
    )
    ports.push(port)
    closeSync(log)
    // One at a time: the first creates the schema.
    if (i === 0 && (def.instances ?? 1) > 1) await waitForHttp(`http://${HOST}:${port}${prep.readyPath}`, children[0], 20_000).catch(() => {})
  }
  const child = children[0]
  const port = ports[0]
  const server = {
    name,
    child,
    children,
    pid: child.pid,
    pids: children.map((c) => c.pid),
    port,
    httpUrl: `http://${HOST}:${port}`,
    wsUrl: `ws://${HOST}:${port}`,
    wsUrls: ports.map((p) => `ws://${HOST}:${p}`),
    adminToken: prep.adminToken,
    async stop() {
      await Promise.all(children.map((c) => stopChild(c)))
      if (prep.cleanup) {
        pendingCleanups.delete(prep.cleanup)
        prep.cleanup()
      }
      await prep.cleanupAsync?.().catch((err) => console.error(`cleanup of ${name}: ${err.message}`))
    }
  }
  try {
    for (const [i, c] of children.entries()) await waitForHttp(`http://${HOST}:${ports[i]}${prep.readyPath}`, c, 20_000)
  } catch (err) {
    await server.stop()
    throw new Error(`${name} did not become ready: ${err.message} (log: ${logPath})`, { cause: err })
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

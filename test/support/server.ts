import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Role } from '../../shared/roles'
import type { Clock } from '../../server/clock'
import { readConfig, type Config } from '../../server/config'
import { createLogger } from '../../server/log'
import { startServer, type RunningServer } from '../../server/start-server'

export const CLIENT_DIR = fileURLToPath(new URL('../../dist/client', import.meta.url))

export interface TestServer {
  url: string
  wsUrl: string
  port: number
  adminToken: string
  dataDir: string
  server: RunningServer
  createBoard(title?: string, focusQuestion?: string): Promise<{ id: string }>
  invite(boardId: string, role: Role, name?: string, ttlSeconds?: number): Promise<{ token: string; url: string; participantId: string }>
  api(path: string, init?: RequestInit & { token?: string }): Promise<Response>
  /** Stops the server; the data dir stays (for restarts) unless `removeData`. */
  close(removeData?: boolean): Promise<void>
  /** Stops and starts again on the same data dir (a new port). */
  restart(): Promise<TestServer>
}

export interface TestServerOptions {
  dataDir?: string
  env?: Record<string, string>
  logLevel?: string
  /** The built client to serve (default: this checkout's dist/client); an A/B bench serves two. */
  clientDir?: string
  /** The server's clock (token expiry, rate limits, session gaps, event times): a ManualClock lets a test move time on instead of sleeping. */
  clock?: Clock
}

/** The real server, in this process, on port 0 with a temp DATA_DIR. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'cg-test-')))
  const config: Config = readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: 'test-admin-token', ...options.env })
  const server = await startServer(config, createLogger(options.logLevel ?? 'silent'), options.clientDir ?? CLIENT_DIR, options.clock)
  const api: TestServer['api'] = (path, init = {}) => {
    const headers = new Headers(init.headers)
    const token = init.token ?? server.adminToken
    if (token) headers.set('authorization', `Bearer ${token}`)
    if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json')
    return fetch(`${server.url}${path}`, { ...init, headers })
  }
  const self: TestServer = {
    url: server.url,
    wsUrl: `ws://127.0.0.1:${server.port}/sync`,
    port: server.port,
    adminToken: server.adminToken,
    dataDir,
    server,
    api,
    async createBoard(title = 'Test board', focusQuestion = 'What builds trust?') {
      const res = await api('/api/boards', { method: 'POST', body: JSON.stringify({ title, focusQuestion }) })
      if (res.status !== 201) throw new Error(`createBoard: ${res.status} ${await res.text()}`)
      return (await res.json()) as { id: string }
    },
    async invite(boardId, role, name, ttlSeconds) {
      const res = await api(`/api/boards/${boardId}/invites`, { method: 'POST', body: JSON.stringify({ role, name, ttlSeconds }) })
      if (res.status !== 201) throw new Error(`invite: ${res.status} ${await res.text()}`)
      return (await res.json()) as { token: string; url: string; participantId: string }
    },
    async close(removeData = false) {
      await server.close()
      if (removeData) await rm(dataDir, { recursive: true, force: true })
    },
    async restart() {
      await server.close()
      return startTestServer({ ...options, dataDir })
    }
  }
  return self
}

import type { Role } from '../../shared/roles'
import { freePort, startChildServer, type ChildServer } from '../support/child-server'
import { dropSchema, freshSchemaName, requirePostgres, TEST_DATABASE_URL } from '../support/postgres'
import { startPrivateRedis, type PrivateRedis } from './private-redis'

export const ADMIN_TOKEN = 'scale-test-admin-token'

export interface Instance {
  port: number
  url: string
  wsUrl: string
  child: ChildServer | null
}

/**
 * Several built servers (child processes) sharing one fresh PostgreSQL schema and a private Redis:
 * what a deployment behind a load balancer runs.
 */
export interface Cluster {
  redis: PrivateRedis
  schema: string
  instances: Instance[]
  /** Kills an instance with SIGKILL (no shutdown, no flush). */
  kill(i: number): Promise<void>
  /** Stops an instance as a deployment does (SIGTERM) and starts it again on the same port. */
  restart(i: number): Promise<void>
  api(i: number, path: string, init?: RequestInit): Promise<Response>
  createBoard(title?: string): Promise<string>
  invite(boardId: string, role?: Role, name?: string): Promise<string>
  /** An invite's token and the participant it makes. */
  person(boardId: string, role?: Role): Promise<{ token: string; participantId: string }>
  /** Sample of /metrics of one instance: the value of a metric without labels. */
  metric(i: number, name: string): Promise<number>
  close(): Promise<void>
}

export async function startCluster(count: number, env: Record<string, string> = {}): Promise<Cluster> {
  await requirePostgres()
  const redis = await startPrivateRedis()
  const schema = freshSchemaName('cg_scale')
  const instances: Instance[] = []
  const start = async (port: number) => {
    const child = await startChildServer(
      {
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_SCHEMA: schema,
        REDIS_URL: redis.url,
        ADMIN_TOKEN,
        FANOUT_POLL_MS: '250',
        ...env
      },
      port
    )
    return { port, url: child.url, wsUrl: `ws://127.0.0.1:${port}/sync`, child }
  }
  // One after another: starting several at once on a loaded 2-core machine can exceed the start timeout.
  for (let i = 0; i < count; i++) instances.push(await start(await freePort()))
  const api: Cluster['api'] = (i, path, init = {}) => {
    const headers = new Headers(init.headers)
    headers.set('authorization', `Bearer ${ADMIN_TOKEN}`)
    if (init.body) headers.set('content-type', 'application/json')
    return fetch(`${instances[i]!.url}${path}`, { ...init, headers })
  }
  const person = async (boardId: string, role: Role = 'brand', name?: string) => {
    const res = await api(0, `/api/boards/${boardId}/invites`, { method: 'POST', body: JSON.stringify({ role, name }) })
    if (res.status !== 201) throw new Error(`invite: ${res.status} ${await res.text()}`)
    return (await res.json()) as { token: string; participantId: string }
  }
  return {
    redis,
    schema,
    instances,
    api,
    async kill(i) {
      const child = instances[i]!.child
      if (!child) return
      instances[i]!.child = null
      child.process.kill('SIGKILL')
      await child.exited
    },
    async restart(i) {
      const child = instances[i]!.child
      instances[i]!.child = null
      if (child) {
        child.process.kill('SIGTERM')
        await child.exited
      }
      instances[i] = await start(instances[i]!.port)
    },
    async createBoard(title = 'Scale board') {
      const res = await api(0, '/api/boards', { method: 'POST', body: JSON.stringify({ title, focusQuestion: 'What crosses instances?' }) })
      if (res.status !== 201) throw new Error(`createBoard: ${res.status} ${await res.text()}`)
      return ((await res.json()) as { id: string }).id
    },
    async invite(boardId, role = 'brand', name) {
      return (await person(boardId, role, name)).token
    },
    person,
    async metric(i, name) {
      const res = await fetch(`${instances[i]!.url}/metrics`)
      const text = await res.text()
      const line = text.split('\n').find((l) => l.startsWith(`${name} `))
      if (!line) throw new Error(`metric ${name} not found`)
      return Number(line.split(' ')[1])
    },
    async close() {
      await Promise.all(
        instances.map(async (inst) => {
          const child = inst.child
          inst.child = null
          if (!child) return
          child.process.kill('SIGTERM')
          await child.exited
        })
      )
      await redis.stop()
      await dropSchema(schema)
    }
  }
}

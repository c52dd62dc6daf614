import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { addConcept, addLink, mapOf, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { dropSchema, freshSchemaName, requirePostgres, TEST_DATABASE_URL } from '../support/postgres'
import { startTestServer, type TestServer } from '../support/server'

// Not a skip: without PostgreSQL this file fails with a message saying so.
await requirePostgres()

const MIGRATE = fileURLToPath(new URL('../../dist/server/migrate.js', import.meta.url))

function migrate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MIGRATE, ...args], { env: { ...process.env, DATABASE_URL: '', DATA_DIR: '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

const schema = freshSchemaName('cg_migrate')
const clients: StockClient[] = []
const servers: TestServer[] = []
afterAll(async () => {
  for (const c of clients) c.destroy()
  for (const s of servers) await s.close(true).catch(() => {})
  await dropSchema(schema)
})

function client(server: TestServer, boardId: string, token: string): StockClient {
  const c = stockClient(server.wsUrl, boardId, token)
  clients.push(c)
  return c
}

/** A response body with the server's own origin (part of invite and board URLs) taken out. */
async function json(server: TestServer, path: string, token?: string): Promise<unknown> {
  const res = await server.api(path, { token })
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return JSON.parse((await res.text()).replaceAll(server.url, 'ORIGIN'))
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now()
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

interface BoardState {
  id: string
  map: string
  brandToken: string
  facilitatorToken: string
  history: unknown
  snapshots: unknown
  sessions: unknown
  pulse: unknown
  invites: unknown
  votes: unknown
}

describe('npm run migrate -- --to postgres', () => {
  it('moves an embedded DATA_DIR into PostgreSQL: the same maps, history, snapshots and people, and old tokens still work', async () => {
    // The embedded server generates its own admin token (kept in DATA_DIR), as a real deployment would.
    const embedded = await startTestServer({ env: { ADMIN_TOKEN: '', CHECKPOINT_EVERY: '4', SNAPSHOT_INTERVAL_MS: '0' } })
    servers.push(embedded)
    const oldAdmin = embedded.adminToken
    expect(oldAdmin).not.toBe('test-admin-token')
    const boards: BoardState[] = []
    for (const [n, title] of ['Trust', 'Service'].entries()) {
      const { id } = await embedded.createBoard(title, `What builds ${title.toLowerCase()}?`)
      const brand = await embedded.invite(id, 'brand', `Bo ${n}`)
      const customer = await embedded.invite(id, 'customer', `Cy ${n}`)
      const facilitator = await embedded.invite(id, 'facilitator', 'Fay')
      expect((await embedded.api(`/api/boards/${id}/sessions/start`, { method: 'POST', body: '{"name":"Morning"}', token: facilitator.token })).status).toBe(201)
      const a = client(embedded, id, brand.token)
      const b = client(embedded, id, customer.token)
      await Promise.all([synced(a, 15_000), synced(b, 15_000)])
      for (let i = 0; i < 6; i++) addConcept(a.doc, `a${i}`, `Brand idea ${i} “${title}”`, i * 10, 0)
      for (let i = 0; i < 5; i++) addConcept(b.doc, `b${i}`, `Customer idea ${i}`, 0, i * 10)
      addLink(a.doc, 'l1', 'a0', 'b0', 'leads to')
      b.doc.getMap('concepts').delete('b4')
      await waitFor(() => mapOf(a.doc) === mapOf(b.doc) && b.doc.getMap('concepts').has('a5') && a.doc.getMap('links').has('l1'), 15_000, 'convergence')
      const pulse = await embedded.api(`/api/boards/${id}/pulse`, { method: 'POST', body: '{"understood":4,"learned":5}', token: brand.token })
      expect(pulse.status).toBe(201)
      // A closed dot-vote round with a ballot, and an open one.
      const round = await embedded.api(`/api/boards/${id}/vote-rounds`, { method: 'POST', body: '{"dots":2}', token: facilitator.token })
      const rid = ((await round.json()) as { id: string }).id
      const ballot = await embedded.api(`/api/boards/${id}/vote-rounds/${rid}/ballot`, { method: 'PUT', body: '{"dots":{"a0":1,"b0":1}}', token: customer.token })
      expect(ballot.status).toBe(200)
      expect((await embedded.api(`/api/boards/${id}/vote-rounds/${rid}/close`, { method: 'POST', token: facilitator.token })).status).toBe(200)
      expect((await embedded.api(`/api/boards/${id}/vote-rounds`, { method: 'POST', body: '{}', token: facilitator.token })).status).toBe(201)
      expect((await embedded.api(`/api/boards/${id}/snapshots`, { method: 'POST', body: '{"name":"mid"}', token: facilitator.token })).status).toBe(201)
      expect((await embedded.api(`/api/boards/${id}/sessions/end`, { method: 'POST', token: facilitator.token })).status).toBe(200)
      const map = mapOf(a.doc)
      a.destroy()
      b.destroy()
      boards.push({
        id,
        map,
        brandToken: brand.token,
        facilitatorToken: facilitator.token,
        history: null,
        snapshots: null,
        sessions: null,
        pulse: null,
        invites: null,
        votes: null
      })
    }
    const readState = async (server: TestServer, s: BoardState) => ({
      history: await json(server, `/api/boards/${s.id}/history?limit=5000`, s.facilitatorToken),
      snapshots: await json(server, `/api/boards/${s.id}/snapshots`, s.facilitatorToken),
      sessions: await json(server, `/api/boards/${s.id}/sessions`, s.facilitatorToken),
      pulse: await json(server, `/api/boards/${s.id}/pulse`, s.facilitatorToken),
      invites: await json(server, `/api/boards/${s.id}/invites`, s.facilitatorToken),
      votes: await json(server, `/api/boards/${s.id}/vote-rounds`, s.facilitatorToken)
    })
    // Read back after a restart, so that the derived history is complete and on disk.
    const restarted = await embedded.restart()
    servers.push(restarted)
    for (const s of boards) Object.assign(s, await readState(restarted, s))
    expect((boards[0]!.history as { events: unknown[] }).events.length).toBeGreaterThan(10)
    expect((boards[0]!.snapshots as { snapshots: unknown[] }).snapshots.length).toBe(2)
    const boardList = await json(restarted, '/api/boards', oldAdmin)
    await restarted.close()

    const args = ['--to', 'postgres', '--data-dir', embedded.dataDir, '--database-url', TEST_DATABASE_URL, '--schema', schema]
    const first = await migrate(args)
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/boards +2 copied/)
    expect(first.stdout).toMatch(/entries +\d+ \(\d+ bytes of updates/)
    expect(first.stdout).toMatch(/snapshots +4\n/)
    expect(first.stdout).toMatch(/checkpoints +[1-9]/)
    expect(first.stdout).toMatch(/secrets +admin-token, token-signing-key/)

    // Run again: refused, clearly, and nothing changes; with --skip-existing it checks and skips.
    const again = await migrate(args)
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/already has 2 of these boards.*nothing was copied/)
    const skipping = await migrate([...args, '--skip-existing'])
    expect(skipping.code).toBe(0)
    expect(skipping.stdout).toMatch(/boards +0 copied, 2 already there/)

    // A server on PostgreSQL with an empty DATA_DIR of its own: everything comes from the database.
    const onPostgres = await startTestServer({ env: { ADMIN_TOKEN: '', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, SNAPSHOT_INTERVAL_MS: '0' } })
    servers.push(onPostgres)
    expect(onPostgres.adminToken).toBe(oldAdmin)
    expect(await json(onPostgres, '/api/boards', oldAdmin)).toEqual(boardList)
    for (const s of boards) {
      const c = client(onPostgres, s.id, s.brandToken)
      await synced(c, 15_000)
      await waitFor(() => mapOf(c.doc) === s.map, 15_000, 'the migrated map')
      const state = await readState(onPostgres, s)
      expect(state.history).toEqual(s.history)
      expect(state.snapshots).toEqual(s.snapshots)
      expect(state.sessions).toEqual(s.sessions)
      expect(state.pulse).toEqual(s.pulse)
      expect(state.invites).toEqual(s.invites)
      expect(state.votes).toEqual(s.votes)
      expect((state.votes as { rounds: unknown[] }).rounds).toHaveLength(2)
      // The board goes on from where it was: a new edit reaches another client and the journal.
      const other = client(onPostgres, s.id, s.facilitatorToken)
      await synced(other, 15_000)
      addConcept(c.doc, 'after', 'Added after the migration')
      await waitFor(() => other.doc.getMap('concepts').has('after'), 15_000, 'an edit after the migration')
      const lastEvent = (state.history as { events: Array<{ seq: number }> }).events.at(-1)!.seq
      await eventually(async () => {
        const later = (await json(onPostgres, `/api/boards/${s.id}/history?after=${lastEvent}`, s.facilitatorToken)) as {
          events: Array<{ element: { id: string } }>
        }
        return later.events.some((e) => e.element.id === 'after')
      }, 'the new edit in the history')
    }
  })
})

import pg from 'pg'
import { afterAll, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../server/log'
import type { Store } from '../../server/store/store'
import { MIGRATIONS } from '../../server/store/postgres/pg-migrations'
import { openPostgresStore } from '../../server/store/postgres/postgres-store'
import { cuttableRelay, dropSchema, freshSchemaName, requirePostgres, TEST_DATABASE_URL } from '../support/postgres'
import { journalStoreContract } from './journal-contract'

const log = createLogger('silent')

// Not a skip: without PostgreSQL this file fails with a message saying so.
await requirePostgres()

// The contract's 2500 one-by-one appends are 2500 commits, each waiting for a WAL flush: about 3 s on
// an idle machine, but several times that when the disk is shared with a full test run.
vi.setConfig({ testTimeout: 90_000 })

const schemas = new Set<string>()
afterAll(async () => {
  // Whatever a failed test left behind.
  for (const schema of schemas) await dropSchema(schema).catch(() => {})
})

async function postgres() {
  const schema = freshSchemaName()
  schemas.add(schema)
  const opened: Store[] = []
  const open = async (url = TEST_DATABASE_URL) => {
    const store = await openPostgresStore({ url, schema, log, poolSize: 4 })
    opened.push(store)
    return store
  }
  const store = await open()
  return {
    schema,
    open,
    journals: store.journals,
    metadata: store.metadata,
    snapshots: store.snapshots,
    history: store.history,
    reopen: () => open(),
    dispose: async () => {
      for (const s of opened) await s.close()
      await dropSchema(schema)
      schemas.delete(schema)
    }
  }
}

// Each fixture has its own schema, so the suite can run concurrently (commits dominate its time).
describe.concurrent('concurrently', () => journalStoreContract('PostgreSQL', postgres))

const update = (v: string) => {
  const doc = new Y.Doc()
  doc.getMap('meta').set('v', v)
  return Y.encodeStateAsUpdate(doc)
}

describe('PostgreSQL store', () => {
  it('keeps seqs gap-free and ordered when two instances append to one board at once', async () => {
    const f = await postgres()
    try {
      const a = await (await f.open()).journals.open('shared')
      const b = await (await f.open()).journals.open('shared')
      await a.load()
      await b.load()
      const perWriter = 150
      // Fired without waiting, so each instance also batches its own appends into shared transactions.
      const fire = (j: typeof a, who: string) =>
        Promise.all(Array.from({ length: perWriter }, (_, i) => j.append({ at: 1000 + (i % 7), participantId: `${who}${i}`, update: update(`${who}${i}`) })))
      const [fromA, fromB] = await Promise.all([fire(a, 'a'), fire(b, 'b')])
      for (const list of [fromA, fromB]) {
        // Each instance's appends keep the order they were made in.
        expect(list.map((e) => e.seq)).toEqual([...list.map((e) => e.seq)].sort((x, y) => x - y))
      }
      const all = await a.read(0, 10_000)
      expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 2 * perWriter }, (_, i) => i + 1))
      expect(new Set(all.map((e) => e.participantId)).size).toBe(2 * perWriter)
      for (let i = 1; i < all.length; i++) expect(all[i]!.at).toBeGreaterThanOrEqual(all[i - 1]!.at)
      // What each append returned is exactly what was stored.
      const stored = new Map(all.map((e) => [e.seq, e]))
      for (const e of [...fromA, ...fromB]) {
        expect(stored.get(e.seq)).toMatchObject({ at: e.at, participantId: e.participantId })
        expect(Buffer.from(stored.get(e.seq)!.update)).toEqual(Buffer.from(e.update))
      }
      // A checkpoint may be written by an instance at an entry another instance appended.
      const fromB2 = await b.append({ at: 2000, participantId: 'b-last', update: update('b-last') })
      await a.writeCheckpoint({ seq: fromB2.seq, at: fromB2.at, state: new Uint8Array([0]) })
      await expect(a.writeCheckpoint({ seq: fromB2.seq + 1, at: fromB2.at, state: new Uint8Array([0]) })).rejects.toThrow(/no journal entry/)
      const loaded = await (await (await f.reopen()).journals.open('shared')).load()
      expect(loaded.lastSeq).toBe(2 * perWriter + 1)
      expect(loaded.checkpoint?.seq).toBe(2 * perWriter + 1)
      await a.close()
      await b.close()
    } finally {
      await f.dispose()
    }
  })

  it('fires onFailure and refuses appends when the database becomes unreachable', async () => {
    const f = await postgres()
    const relay = await cuttableRelay(new URL(TEST_DATABASE_URL))
    try {
      const store = await f.open(relay.url)
      const j = await store.journals.open('cut')
      await j.load()
      expect((await j.append({ at: 1, participantId: 'p', update: update('1') })).seq).toBe(1)
      const failures: Error[] = []
      j.onFailure((e) => failures.push(e))
      await relay.cut()
      await expect(j.append({ at: 2, participantId: 'p', update: update('2') })).rejects.toThrow()
      expect(failures).toHaveLength(1)
      // Once failed, the journal stays failed: the board must be reloaded from what was committed.
      await expect(j.append({ at: 3, participantId: 'p', update: update('3') })).rejects.toThrow()
      expect(failures).toHaveLength(1)
      const direct = await (await f.reopen()).journals.open('cut')
      expect((await direct.load()).lastSeq).toBe(1)
    } finally {
      await relay.cut()
      await f.dispose()
    }
  })

  it('applies the schema once when several instances start together, and shares one set of secrets', async () => {
    const schema = freshSchemaName()
    schemas.add(schema)
    const stores = await Promise.all([0, 1, 2].map(() => openPostgresStore({ url: TEST_DATABASE_URL, schema, log, poolSize: 2 })))
    try {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
      await client.connect()
      const rows = (await client.query(`SELECT name FROM "${schema}".schema_migrations ORDER BY name`)).rows.map((r) => r.name)
      await client.end()
      expect(rows).toEqual(MIGRATIONS.map((m) => m.name))
      let made = 0
      const secrets = await Promise.all(stores.map((s) => s.secrets!.loadOrCreate('k', () => `value-${++made}`)))
      expect(new Set(secrets.map((s) => s.value)).size).toBe(1)
      expect(secrets.filter((s) => s.created)).toHaveLength(1)
    } finally {
      for (const s of stores) await s.close()
      await dropSchema(schema)
      schemas.delete(schema)
    }
  })

  it('refuses an unreachable database at open with a clear error', async () => {
    await expect(openPostgresStore({ url: 'postgres://postgres@127.0.0.1:1/test', schema: freshSchemaName(), log })).rejects.toThrow(
      /cannot open the PostgreSQL store/
    )
  })
})

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../../server/log'
import { openEmbeddedStore } from '../../../server/store/embedded/embedded-store'
import type { JournalEntry } from '../../../server/store/journal'
import type { Store } from '../../../server/store/store'
import { openPostgresStore } from '../../../server/store/postgres/postgres-store'
import { JournalCommits } from '../../../server/sync/journal-commits'
import { dropSchema, freshSchemaName, requirePostgres, TEST_DATABASE_URL } from '../../support/postgres'

const log = createLogger('silent')
const EMPTY = new Uint8Array([0, 0])
const entry = (participantId: string) => ({ at: 1, participantId, update: EMPTY })

await requirePostgres()

const cleanups: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup().catch(() => {})
})

async function embeddedStore(): Promise<Store> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cg-commits-'))
  const store = await openEmbeddedStore({ dataDir, fsyncIntervalMs: 5, log })
  cleanups.push(async () => {
    await store.close()
    await rm(dataDir, { recursive: true, force: true })
  })
  return store
}

async function postgresStore(): Promise<Store> {
  const schema = freshSchemaName()
  const store = await openPostgresStore({ url: TEST_DATABASE_URL, schema, log, poolSize: 2 })
  cleanups.push(async () => {
    await store.close()
    await dropSchema(schema)
  })
  return store
}

/** A pipeline on board `b` of `store` that records what it hands on. */
async function pipeline(store: Store) {
  const journal = await store.journals.open('b')
  await journal.load()
  const heard: string[] = []
  const commits = new JournalCommits<string>(journal, {
    committed: (e: JournalEntry, origin, receivedAt) => {
      if (origin === 'throws') throw new Error('relay broke')
      heard.push(`${e.seq}:${e.participantId}:${origin}:${receivedAt}`)
    },
    failed: (error, receivedAt) => heard.push(`failed:${error.message}:${receivedAt}`),
    handlerFailed: (error) => heard.push(`handler:${error.message}`)
  })
  return { journal, commits, heard }
}

describe('JournalCommits over a synchronous journal (embedded)', () => {
  it('hands each entry on before append returns, with nothing left pending', async () => {
    const { commits, heard } = await pipeline(await embeddedStore())
    commits.append(entry('p1'), 'c1', 10)
    expect(heard).toEqual(['1:p1:c1:10'])
    expect(commits.pending).toBe(false)
    commits.append(entry('system'), 'server')
    expect(heard).toEqual(['1:p1:c1:10', '2:system:server:undefined'])
    let ran = false
    expect(
      commits.afterSettled(() => {
        ran = true
      })
    ).toBeUndefined()
    expect(ran).toBe(true)
  })

  it('reports a failed append to `failed` and hands nothing on', async () => {
    const { journal, commits, heard } = await pipeline(await embeddedStore())
    await journal.close()
    commits.append(entry('p1'), 'c1', 7)
    expect(heard).toEqual(['failed:journal is not open:7'])
  })
})

describe('JournalCommits over an asynchronous journal (PostgreSQL)', () => {
  it('pipelines appends and hands them on in seq order once committed', async () => {
    const { commits, heard } = await pipeline(await postgresStore())
    for (const p of ['p1', 'p2', 'p3']) commits.append(entry(p), `c-${p}`, 1)
    expect(commits.pending).toBe(true)
    expect(heard).toEqual([])
    const order: string[] = []
    // Returned to a queue, the promise holds the queue until every earlier append is handed on.
    const after = commits.afterSettled(() => order.push(`after ${heard.length}`))
    expect(after).toBeInstanceOf(Promise)
    await after
    expect(heard).toEqual(['1:p1:c-p1:1', '2:p2:c-p2:1', '3:p3:c-p3:1'])
    expect(order).toEqual(['after 3'])
    expect(commits.pending).toBe(false)
  })

  it('keeps `settled` resolving when a handler throws, and says so', async () => {
    const { commits, heard } = await pipeline(await postgresStore())
    commits.append(entry('p1'), 'throws', 1)
    commits.append(entry('p2'), 'c2', 2)
    await commits.settled()
    await new Promise((resolve) => setImmediate(resolve))
    // The second is handed on although the first one's handler threw.
    expect(heard.sort()).toEqual(['2:p2:c2:2', 'handler:relay broke'])
  })

  it('reports a rejected commit to `failed`', async () => {
    const store = await postgresStore()
    const { commits, heard } = await pipeline(store)
    await store.close()
    commits.append(entry('p1'), 'c1', 5)
    await commits.settled()
    expect(heard).toHaveLength(1)
    expect(heard[0]).toMatch(/^failed:.+:5$/)
    expect(commits.pending).toBe(false)
  })
})

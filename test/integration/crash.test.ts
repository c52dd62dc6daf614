import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../server/log'
import { openEmbeddedStore } from '../../server/store/embedded/embedded-store'
import { freePort, startChildServer, type ChildServer } from '../support/child-server'
import { addConcept, stockClient, waitFor, type StockClient } from '../support/clients'
import { int, prng } from '../support/prng'

const KILLS = Number(process.env.CRASH_KILLS ?? 5)
const SEED = Number(process.env.CRASH_SEED ?? 20261126)
const ADMIN = 'crash-admin-token'

async function post(url: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  if (res.status !== 201) throw new Error(`${url}: ${res.status}`)
  return (await res.json()) as { id: string; token: string }
}

/** Concept keys that each journal entry inserts, to tell a duplicate from a re-send. */
function insertedKeys(update: Uint8Array): string[] {
  const { structs } = Y.decodeUpdate(update)
  return structs.flatMap((s) => {
    const item = s as unknown as { parentSub?: string | null; parent?: unknown }
    return item.parentSub && /^w\d+-\d+$/.test(item.parentSub) ? [item.parentSub] : []
  })
}

describe('kill -9 under a stream of edits', () => {
  it(`loses nothing any client received and duplicates nothing, over ${KILLS} kills (seed ${SEED})`, async () => {
    const random = prng(SEED)
    const dataDir = await mkdtemp(join(tmpdir(), 'cg-crash-'))
    const port = await freePort()
    const env = { DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, FSYNC_INTERVAL_MS: '50' }
    let server: ChildServer = await startChildServer(env, port)
    // A failing assertion must not leave the server running after the test (it idles for hours).
    onTestFinished(() => void server.process.kill('SIGKILL'))
    const wsUrl = `ws://127.0.0.1:${port}/sync`
    const { id } = await post(`${server.url}/api/boards`, { title: 'Crash' })
    const writers: StockClient[] = []
    for (let i = 0; i < 3; i++) writers.push(stockClient(wsUrl, id, (await post(`${server.url}/api/boards/${id}/invites`, { role: 'brand' })).token))
    const observer = stockClient(wsUrl, id, (await post(`${server.url}/api/boards/${id}/invites`, { role: 'viewer' })).token)
    const observed = new Set<string>()
    observer.doc.on('update', () => {
      for (const key of observer.doc.getMap('concepts').keys()) observed.add(key)
    })
    const made = writers.map(() => 0)
    const timers = writers.map((w, i) =>
      setInterval(() => {
        addConcept(w.doc, `w${i}-${made[i]}`, `edit ${made[i]} of writer ${i}`, made[i]!, i)
        made[i]!++
      }, 4)
    )
    try {
      for (let k = 0; k < KILLS; k++) {
        await new Promise((r) => setTimeout(r, int(random, 150, 700)))
        server.process.kill('SIGKILL')
        await server.exited
        // Everything the observer has seen by now was relayed, so it must already be journaled.
        const seenBeforeKill = new Set(observed)
        server = await startChildServer(env, port)
        const check = stockClient(wsUrl, id, (await post(`${server.url}/api/boards/${id}/invites`, { role: 'viewer' })).token)
        await waitFor(() => check.provider.synced, 10_000, 'sync after restart')
        const present = new Set(check.doc.getMap('concepts').keys())
        const missing = [...seenBeforeKill].filter((key) => !present.has(key))
        check.destroy()
        expect(missing, `lost after kill ${k + 1}`).toEqual([])
      }
    } finally {
      for (const t of timers) clearInterval(t)
    }
    // Writers resend what never reached the journal; in the end every edit made is on the server.
    const total = made.reduce((a, b) => a + b, 0)
    const final = stockClient(wsUrl, id, (await post(`${server.url}/api/boards/${id}/invites`, { role: 'viewer' })).token)
    // Generous: under a full suite on two cores the writers' reconnect backoff and resends take a while;
    // the message says how many arrived, so a real loss reads apart from a slow machine.
    await waitFor(() => final.doc.getMap('concepts').size === total, 45_000, `all ${total} edits on the server`).catch((e: Error) => {
      throw new Error(`${e.message}: ${final.doc.getMap('concepts').size} of ${total} arrived`)
    })
    for (const c of [...writers, observer, final]) c.destroy()
    server.process.kill('SIGTERM')
    expect((await server.exited).code).toBe(0)

    const store = await openEmbeddedStore({ dataDir, fsyncIntervalMs: 50, log: createLogger('silent') })
    const journal = await store.journals.open(id)
    const loaded = await journal.load()
    const entries = await journal.read(0, Number.MAX_SAFE_INTEGER)
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1))
    expect(loaded.lastSeq).toBe(entries.length)
    const counts = new Map<string, number>()
    for (const e of entries) for (const key of insertedKeys(e.update)) counts.set(key, (counts.get(key) ?? 0) + 1)
    expect(counts.size).toBe(total)
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
    await journal.close()
    await store.close()
    await rm(dataDir, { recursive: true, force: true })
  }, 120_000)
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addConcept, mapOf, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { startCluster, type Cluster } from './cluster'
import { gapFree, storedSeqs } from './pg-journal-rows'
import { startTcpBalancer, type TcpBalancer } from './tcp-balancer'

// Three built instances on one PostgreSQL schema and a private Redis that the test stops and starts.
let cluster: Cluster
let balancer: TcpBalancer | null = null
const clients: StockClient[] = []

beforeAll(async () => {
  cluster = await startCluster(3)
}, 60_000)

afterAll(async () => {
  for (const c of clients) c.destroy()
  await balancer?.close()
  await cluster?.close()
}, 30_000)

function track(c: StockClient): StockClient {
  clients.push(c)
  return c
}

const has = (c: StockClient, id: string) => c.doc.getMap('concepts').has(id)

/** Adds a concept on `from` and returns how long `to` took to see it. */
async function delivery(from: StockClient, to: StockClient, id: string, timeoutMs = 10_000): Promise<number> {
  const start = Date.now()
  addConcept(from.doc, id, id)
  await waitFor(() => has(to, id), timeoutMs, `${id} to arrive`)
  return Date.now() - start
}

describe('instances under failure', () => {
  it('keeps converging without Redis, polling the journal with a bounded delay, then uses pub/sub again', async () => {
    const board = await cluster.createBoard('Redis loss')
    const token = await cluster.invite(board)
    const a = track(stockClient(cluster.instances[0]!.wsUrl, board, token))
    const b = track(stockClient(cluster.instances[1]!.wsUrl, board, token))
    await Promise.all([synced(a, 15_000), synced(b, 15_000)])
    expect(await cluster.metric(0, 'cg_fanout_redis_connected')).toBe(1)
    await delivery(a, b, 'before')

    await cluster.redis.stop()
    for (const i of [0, 1]) {
      const start = Date.now()
      while ((await cluster.metric(i, 'cg_fanout_redis_connected')) !== 0) {
        if (Date.now() - start > 10_000) throw new Error(`instance ${i} did not notice Redis was gone`)
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    const withoutRedis: number[] = []
    for (let n = 0; n < 6; n++) {
      withoutRedis.push(await delivery(a, b, `down-a${n}`))
      withoutRedis.push(await delivery(b, a, `down-b${n}`))
    }
    // FANOUT_POLL_MS is 250: a poll plus a journal read, with room for a loaded machine.
    const sorted = [...withoutRedis].sort((x, y) => x - y)
    console.info(`delivery without Redis: median ${sorted[sorted.length >> 1]} ms, max ${sorted.at(-1)} ms`)
    expect(Math.max(...withoutRedis)).toBeLessThan(2500)
    expect(await cluster.metric(0, 'cg_fanout_fallback_polls_total')).toBeGreaterThan(0)

    await cluster.redis.start()
    for (const i of [0, 1]) {
      const start = Date.now()
      while ((await cluster.metric(i, 'cg_fanout_redis_connected')) !== 1) {
        if (Date.now() - start > 15_000) throw new Error(`instance ${i} did not reconnect to Redis`)
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    // Polling has stopped: the counter stays put while updates keep flowing through pub/sub.
    const pollsBefore = await cluster.metric(1, 'cg_fanout_fallback_polls_total')
    for (let n = 0; n < 5; n++) await delivery(a, b, `back-${n}`)
    await new Promise((r) => setTimeout(r, 600))
    expect(await cluster.metric(1, 'cg_fanout_fallback_polls_total')).toBe(pollsBefore)

    await waitFor(() => mapOf(a.doc) === mapOf(b.doc), 10_000, 'convergence')
    expect(gapFree(await storedSeqs(cluster.schema, board))).toBe(true)
  }, 90_000)

  it('loses nothing when an instance is killed under load: its clients reconnect to another', async () => {
    const board = await cluster.createBoard('Kill -9')
    const token = await cluster.invite(board)
    const alive = new Set([0, 1])
    // What a load balancer does: connections go to live instances 0 and 1, round robin.
    balancer = await startTcpBalancer(() => [...alive].map((i) => cluster.instances[i]!.port))
    const writers = [0, 1, 2, 3].map(() => track(stockClient(`ws://127.0.0.1:${balancer!.port}/sync`, board, token)))
    const observer = track(stockClient(cluster.instances[2]!.wsUrl, board, token))
    await Promise.all([...writers, observer].map((c) => synced(c, 15_000)))

    // Every id any client has ever seen: none of it may be lost.
    const everSeen = new Set<string>()
    for (const c of [...writers, observer]) {
      c.doc.getMap('concepts').observe((e) => {
        for (const key of e.keysChanged) everSeen.add(key)
      })
    }
    let n = 0
    const timer = setInterval(() => {
      for (const [w, c] of writers.entries()) addConcept(c.doc, `w${w}-${n}`, `edit ${n}`, n, w * 40)
      n++
    }, 40)
    try {
      await waitFor(() => observer.doc.getMap('concepts').size >= 40, 20_000, 'load to flow')
      alive.delete(0)
      await cluster.kill(0)
      // Writers on the dead instance keep editing offline, reconnect through the balancer, and resync.
      const afterKill = n
      await waitFor(() => n >= afterKill + 30, 20_000, 'writing to go on')
    } finally {
      clearInterval(timer)
    }
    const expected = 4 * n
    await waitFor(
      () => [...writers, observer].every((c) => c.provider.wsconnected && c.doc.getMap('concepts').size === expected),
      30_000,
      'every client to hold every edit'
    )
    const fresh = track(stockClient(cluster.instances[1]!.wsUrl, board, token))
    await synced(fresh, 15_000)
    await waitFor(() => mapOf(fresh.doc) === mapOf(observer.doc), 15_000, 'a fresh client to match')
    for (const id of everSeen) expect(has(fresh, id)).toBe(true)
    for (const c of writers) expect(mapOf(c.doc)).toBe(mapOf(observer.doc))
    expect(gapFree(await storedSeqs(cluster.schema, board))).toBe(true)
  }, 120_000)
})

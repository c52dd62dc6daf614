import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { useJitteredReconnect } from '../../shared/reconnect-backoff'
import { freePort, startChildServer, type ChildServer } from '../support/child-server'
import { addConcept, stockClient, waitFor, type StockClient } from '../support/clients'
import { int, prng } from '../support/prng'
import { adminApi, insertionCounts, percentile, readJournalFile, round, sleep, type CampaignOptions, type Figures } from './campaign-support'

const ADMIN = 'crash-campaign-admin'
const KEY = /^w\d+-\d+$/

/**
 * kill -9 of the built server at seeded random moments while writers add concepts. After each
 * restart everything any client had received must be there; at the end the journal holds every edit
 * exactly once (writers resend what never reached it, and nothing may be journaled twice).
 */
export async function crashCampaign(o: CampaignOptions & { kills: number; writers: number; editEveryMs: number }): Promise<Figures> {
  const random = prng(o.seed)
  const dataDir = await mkdtemp(join(tmpdir(), 'cg-campaign-crash-'))
  const port = await freePort()
  const env = { DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, FSYNC_INTERVAL_MS: '50' }
  let server: ChildServer = await startChildServer(env, port)
  const clients: StockClient[] = []
  try {
    const wsUrl = `ws://127.0.0.1:${port}/sync`
    const api = adminApi(server.url, ADMIN)
    const { id } = await api.createBoard('Crash campaign')
    for (let i = 0; i < o.writers; i++) clients.push(stockClient(wsUrl, id, await api.invite(id, 'brand')))
    clients.push(stockClient(wsUrl, id, await api.invite(id, 'viewer')))
    // What the server relayed to anyone: it must have been journaled before it was sent.
    const received = new Set<string>()
    for (const c of clients) {
      // A short cap: the campaign is about what survives a kill, not about waiting out backoff.
      useJitteredReconnect(c.provider, { baseMs: 50, capMs: 1000 })
      c.doc.getMap('concepts').observe((event, txn) => {
        if (!txn.local) for (const key of event.keysChanged) received.add(key)
      })
    }
    const made = Array.from({ length: o.writers }, () => 0)
    const timers = made.map((_, i) =>
      setInterval(() => {
        addConcept(clients[i]!.doc, `w${i}-${made[i]}`, `edit ${made[i]} of writer ${i}`, made[i]!, i)
        made[i]!++
      }, o.editEveryMs)
    )
    const restartMs: number[] = []
    const resyncMs: number[] = []
    const lostPerKill: number[] = []
    let checked = 0
    try {
      await waitFor(() => clients.every((c) => c.provider.synced), 20_000, 'initial sync')
      for (let k = 0; k < o.kills; k++) {
        await sleep(int(random, 200, 1200))
        server.process.kill('SIGKILL')
        await server.exited
        const seenBeforeKill = new Set(received)
        const t0 = Date.now()
        server = await startChildServer(env, port)
        restartMs.push(Date.now() - t0)
        const check = stockClient(wsUrl, id, await api.invite(id, 'viewer'))
        await waitFor(() => check.provider.synced, 120_000, 'checker sync after restart')
        const present = new Set(check.doc.getMap('concepts').keys())
        check.destroy()
        const missing = [...seenBeforeKill].filter((key) => !present.has(key))
        lostPerKill.push(missing.length)
        checked += seenBeforeKill.size
        if (missing.length > 0) throw new Error(`kill ${k + 1}: ${missing.length} received edits lost, e.g. ${missing.slice(0, 5).join(', ')}`)
        await waitFor(() => clients.every((c) => c.provider.synced), 180_000, `all clients resynced after kill ${k + 1}`)
        resyncMs.push(Date.now() - t0)
        o.log(`kill ${k + 1}/${o.kills}: ${seenBeforeKill.size} received edits all present; restarted in ${restartMs.at(-1)} ms, all ${clients.length} clients resynced in ${Date.now() - t0} ms`)
      }
    } finally {
      for (const t of timers) clearInterval(t)
    }
    const total = made.reduce((a, b) => a + b, 0)
    const final = stockClient(wsUrl, id, await api.invite(id, 'viewer'))
    await waitFor(() => final.doc.getMap('concepts').size === total, 60_000, `all ${total} edits on the server`)
    final.destroy()
    for (const c of clients) c.provider.shouldConnect = false
    server.process.kill('SIGTERM')
    const exit = await server.exited
    const entries = readJournalFile(join(dataDir, 'boards', id, 'journal.cgj'))
    const counts = insertionCounts(entries, KEY)
    const gapFree = entries.every((e, i) => e.seq === i + 1)
    const duplicated = [...counts.values()].filter((n) => n > 1).length
    await rm(dataDir, { recursive: true, force: true })
    return {
      kills: o.kills,
      killsSurvived: lostPerKill.filter((n) => n === 0).length,
      clients: clients.length,
      editsMade: total,
      receivedEditsChecked: checked,
      lostAfterKills: lostPerKill.reduce((a, b) => a + b, 0),
      journaledEdits: counts.size,
      duplicatedEdits: duplicated,
      journalGapFree: gapFree,
      journalEntries: entries.length,
      restartMsP50: percentile(restartMs, 50),
      restartMsMax: Math.max(0, ...restartMs),
      resyncAllMsP50: percentile(resyncMs, 50),
      resyncAllMsMax: Math.max(0, ...resyncMs),
      finalExitCode: exit.code ?? -1,
      editsPerSecond: round((1000 / o.editEveryMs) * o.writers)
    }
  } finally {
    // On a failure midway, leave no server or client behind.
    for (const c of clients) c.destroy()
    if (server.process.exitCode === null && server.process.signalCode === null) server.process.kill('SIGKILL')
  }
}

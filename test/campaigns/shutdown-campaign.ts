import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloseCode } from '../../shared/close-codes'
import { freePort, startChildServer, type ChildServer } from '../support/child-server'
import { addConcept, stockClient, waitFor, type StockClient } from '../support/clients'
import { rawSocket, syncUrl } from '../support/raw-socket'
import { adminApi, insertionCounts, readJournalFile, sleep, type CampaignOptions, type Figures } from './campaign-support'

const ADMIN = 'shutdown-campaign-admin'
const KEY = /^s\d+-\d+$/

/**
 * SIGTERM while every client edits, with a long fsync interval so the journals hold unsynced
 * appends: the server must stop accepting, close every socket with 1012, flush and exit 0 within
 * 5 s; after a restart nothing any client received is missing, and in the end nothing is doubled.
 */
export async function shutdownCampaign(o: CampaignOptions & { boards: number; perBoard: number; warmupMs: number; editEveryMs: number }): Promise<Figures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cg-campaign-term-'))
  const port = await freePort()
  const env = { DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, FSYNC_INTERVAL_MS: '1000' }
  let server: ChildServer = await startChildServer(env, port)
  const wsUrl = `ws://127.0.0.1:${port}/sync`
  const api = adminApi(server.url, ADMIN)
  const boards: string[] = []
  const clients: Array<{ client: StockClient; board: string; num: number; made: number }> = []
  const received = new Map<string, Set<string>>()
  for (let b = 0; b < o.boards; b++) {
    const { id } = await api.createBoard(`Shutdown ${b}`)
    boards.push(id)
    received.set(id, new Set())
    const token = await api.invite(id, 'brand')
    for (let i = 0; i < o.perBoard; i++) {
      const client = stockClient(wsUrl, id, token)
      client.doc.getMap('concepts').observe((event, txn) => {
        if (!txn.local) for (const key of event.keysChanged) received.get(id)!.add(key)
      })
      clients.push({ client, board: id, num: clients.length, made: 0 })
    }
  }
  await waitFor(() => clients.every((c) => c.client.provider.synced), 60_000, 'all clients synced')
  const timer = setInterval(() => {
    for (const c of clients) {
      addConcept(c.client.doc, `s${c.num}-${c.made}`, `edit ${c.made}`, c.made, c.num)
      c.made++
    }
  }, o.editEveryMs)
  let figures: Figures
  try {
    await sleep(o.warmupMs)
    const connectedAtTerm = clients.filter((c) => c.client.provider.wsconnected).length
    const t0 = Date.now()
    server.process.kill('SIGTERM')
    // Nobody reconnects until the check below has seen the journals as the server left them.
    for (const c of clients) c.client.provider.shouldConnect = false
    // Knock while it shuts down: no newcomer may get a working session.
    const knocks: Record<string, number> = {}
    let exited = false
    void server.exited.then(() => (exited = true))
    while (!exited) {
      const s = rawSocket(syncUrl(wsUrl, boards[0]!, ADMIN))
      const outcome = await Promise.race([s.opened.then(() => 'opened', (e: Error) => e.message), sleep(3000).then(() => 'pending')])
      let key = outcome
      if (outcome === 'opened') {
        const c = await Promise.race([s.closed, sleep(3000).then(() => ({ code: 'still open' }))])
        key = `opened, then ${c.code}`
      } else if (outcome === 'pending') s.ws.terminate()
      knocks[key] = (knocks[key] ?? 0) + 1
      await sleep(10)
    }
    const exit = await server.exited
    const exitMs = Date.now() - t0
    clearInterval(timer)
    await waitFor(() => clients.every((c) => !c.client.provider.wsconnected), 5000, 'every socket closed')
    const codes: Record<string, number> = {}
    for (const c of clients) for (const e of c.client.closes) codes[e.code] = (codes[e.code] ?? 0) + 1
    const snapshot = new Map([...received].map(([b, keys]) => [b, new Set(keys)]))

    server = await startChildServer(env, port)
    let lost = 0
    let checked = 0
    for (const board of boards) {
      const check = stockClient(wsUrl, board, ADMIN)
      await waitFor(() => check.provider.synced, 20_000, 'checker sync')
      const present = new Set(check.doc.getMap('concepts').keys())
      for (const key of snapshot.get(board)!) {
        checked++
        if (!present.has(key)) lost++
      }
      check.destroy()
    }
    // Now the clients come back and hand over what they made offline; each edit is journaled once.
    for (const c of clients) c.client.provider.connect()
    const made = new Map<string, number>()
    for (const c of clients) made.set(c.board, (made.get(c.board) ?? 0) + c.made)
    await waitFor(
      () => clients.every((c) => c.client.provider.synced && c.client.doc.getMap('concepts').size === made.get(c.board)),
      60_000,
      'every client holds every edit of its board'
    )
    for (const c of clients) c.client.destroy()
    server.process.kill('SIGTERM')
    const secondExit = await server.exited
    let journaled = 0
    let duplicated = 0
    for (const board of boards) {
      const counts = insertionCounts(readJournalFile(join(dataDir, 'boards', board, 'journal.cgj')), KEY)
      journaled += counts.size
      duplicated += [...counts.values()].filter((n) => n > 1).length
    }
    const openedAndKept = Object.entries(knocks).filter(([k]) => k.includes('still open')).reduce((n, [, v]) => n + v, 0)
    figures = {
      boards: o.boards,
      clients: clients.length,
      connectedAtSigterm: connectedAtTerm,
      editsPerSecond: Math.round((1000 / o.editEveryMs) * clients.length),
      exitCode: exit.code ?? -1,
      exitMs,
      closeCodes: codes,
      closedWith1012: codes[CloseCode.restarting] ?? 0,
      knocksDuringShutdown: knocks,
      newcomersKeptOpen: openedAndKept,
      receivedEditsChecked: checked,
      lost,
      editsMade: [...made.values()].reduce((a, b) => a + b, 0),
      journaled,
      duplicated,
      secondExitCode: secondExit.code ?? -1
    }
  } finally {
    clearInterval(timer)
    for (const c of clients) c.client.destroy()
    if (server.process.exitCode === null) server.process.kill('SIGKILL')
    await server.exited
    await rm(dataDir, { recursive: true, force: true })
  }
  return figures
}

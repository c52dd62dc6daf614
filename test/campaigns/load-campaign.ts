import { fork, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort, startChildServer, type ChildServer } from '../support/child-server'
import { waitFor } from '../support/clients'
import { adminApi, percentile, round, rssSampler, sleep, type CampaignOptions, type Figures } from './campaign-support'
import type { ToWorker, WorkerClient, WorkerProgress } from './load-worker'
import { presenceFlood, type PresenceFloodOptions } from './trust-attacks'

const ADMIN = 'load-campaign-admin'
const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url))

interface Worker {
  child: ChildProcess
  progress: WorkerProgress | null
  digests: Array<{ num: number; board: string; digest: string; concepts: number }> | null
  done: Set<string>
  error: string | null
}

function startWorker(): Promise<Worker> {
  const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const w: Worker = { child, progress: null, digests: null, done: new Set(), error: null }
  return new Promise((resolve, reject) => {
    child.on('message', (msg: { type: string; of?: string; message?: string; digests?: Worker['digests'] }) => {
      if (msg.type === 'ready') resolve(w)
      else if (msg.type === 'progress') w.progress = msg as WorkerProgress
      else if (msg.type === 'done') w.done.add(msg.of!)
      else if (msg.type === 'digests') w.digests = msg.digests!
      else if (msg.type === 'error') w.error = msg.message!
    })
    child.once('exit', (code) => reject(new Error(`load worker exited with ${code}`)))
  })
}

async function command(workers: Worker[], msg: ToWorker, timeoutMs = 120_000): Promise<void> {
  for (const w of workers) w.done.delete(msg.type)
  for (const w of workers) w.child.send(msg)
  await waitFor(() => workers.every((w) => w.done.has(msg.type) || w.error), timeoutMs, `workers: ${msg.type}`)
  const failed = workers.find((w) => w.error)
  if (failed) throw new Error(`load worker failed: ${failed.error}`)
}

const sum = (workers: Worker[], pick: (p: WorkerProgress) => number) => workers.reduce((n, w) => n + (w.progress ? pick(w.progress) : 0), 0)

/** Every client of a board must hold the same concepts: returns the boards where they differ. */
async function divergentBoards(workers: Worker[]): Promise<{ boards: number; divergent: string[]; digests: Map<number, string> }> {
  for (const w of workers) w.digests = null
  await command(workers, { type: 'digests' })
  const byBoard = new Map<string, Set<string>>()
  const byClient = new Map<number, string>()
  for (const d of workers.flatMap((w) => w.digests ?? [])) {
    byBoard.set(d.board, (byBoard.get(d.board) ?? new Set()).add(d.digest))
    byClient.set(d.num, d.digest)
  }
  return { boards: byBoard.size, divergent: [...byBoard].filter(([, set]) => set.size > 1).map(([b]) => b), digests: byClient }
}

/**
 * Many participants over many boards from separate load processes, held for a while at a
 * workshop's edit rate, while a viewer floods one board's presence (the others there must neither
 * be closed nor stop converging); then a graceful restart with half of them still connected, timing how long
 * until every one of them has resynced (they come back with jittered backoff).
 */
export async function loadCampaign(
  o: CampaignOptions & { connections: number; boards: number; holdSeconds: number; workers: number; ratePerClient: number; flood: PresenceFloodOptions }
): Promise<Figures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cg-campaign-load-'))
  const port = await freePort()
  const env = { DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN }
  let server: ChildServer = await startChildServer(env, port)
  const api = adminApi(server.url, ADMIN)
  const boards: Array<{ id: string; tokens: string[] }> = []
  for (let b = 0; b < o.boards; b++) {
    const { id } = await api.createBoard(`Workshop ${b}`)
    boards.push({ id, tokens: [await api.invite(id, 'brand'), await api.invite(id, 'customer')] })
  }
  // Issue 19, item 1: a viewer of the first board floods presence through the hold.
  const flooderToken = await api.invite(boards[0]!.id, 'viewer')
  const descs: WorkerClient[] = Array.from({ length: o.connections }, (_, num) => {
    const board = boards[num % o.boards]!
    return { num, board: board.id, token: board.tokens[num % 2]! }
  })
  const workers = await Promise.all(Array.from({ length: o.workers }, () => startWorker()))
  const memory = rssSampler(server.process.pid!, 1000)
  let figures: Figures
  try {
    const t0 = Date.now()
    const wsUrl = `ws://127.0.0.1:${port}/sync`
    await Promise.all(
      workers.map((w, i) => {
        w.done.delete('connect')
        // Ramped, so the server's accept backlog is not what is measured.
        w.child.send({ type: 'connect', wsUrl, clients: descs.filter((_, n) => n % o.workers === i), batch: 25, pauseMs: 100, seed: o.seed } satisfies ToWorker)
        return waitFor(() => w.done.has('connect'), 300_000, 'connect')
      })
    )
    await waitFor(() => sum(workers, (p) => p.synced) === o.connections, 300_000, `all ${o.connections} connections synced`)
    const connectSeconds = (Date.now() - t0) / 1000
    o.log(`${o.connections} connections over ${o.boards} boards synced in ${round(connectSeconds)} s`)

    await command(workers, { type: 'edit', ratePerClient: o.ratePerClient })
    const holdStart = Date.now()
    const flooding = presenceFlood(wsUrl, boards[0]!.id, flooderToken, o.flood)
    const held: number[] = []
    const closesBefore = sum(workers, (p) => Object.values(p.closes).reduce((a, b) => a + b, 0))
    const editsBefore = sum(workers, (p) => p.edits)
    const receivedBefore = sum(workers, (p) => p.received)
    while (Date.now() - holdStart < o.holdSeconds * 1000) {
      await sleep(1000)
      held.push(sum(workers, (p) => p.connected))
      if (held.length % 30 === 0) o.log(`${Math.round((Date.now() - holdStart) / 1000)} s: ${held.at(-1)} connected, ${sum(workers, (p) => p.edits)} edits, server RSS ${round(memory.samples.at(-1) ?? 0)} MB`)
    }
    const floodCloses = await flooding
    await command(workers, { type: 'stop-edits' })
    const holdSeconds = (Date.now() - holdStart) / 1000
    const edits = sum(workers, (p) => p.edits) - editsBefore
    const received = sum(workers, (p) => p.received) - receivedBefore
    const closesDuringHold = sum(workers, (p) => Object.values(p.closes).reduce((a, b) => a + b, 0)) - closesBefore
    const holdRss = memory.stop()

    // Let the last edits land, then every board must look the same to all its participants.
    let check = { boards: 0, divergent: [] as string[], digests: new Map<number, string>() }
    const settleStart = Date.now()
    for (;;) {
      check = await divergentBoards(workers)
      if (check.divergent.length === 0 || Date.now() - settleStart > 60_000) break
      await sleep(1000)
    }
    const convergedAfterHold = check.divergent.length === 0
    o.log(`hold done: ${edits} edits, ${received} remote updates received; boards converged: ${convergedAfterHold}`)

    // Half stay connected through the restart.
    await command(workers, { type: 'drop', keepEvery: 2 })
    await sleep(1500)
    const remaining = sum(workers, (p) => p.clients)
    await waitFor(() => sum(workers, (p) => p.synced) === remaining, 60_000, 'remaining clients synced before restart')
    const before = await divergentBoards(workers)
    const tTerm = Date.now()
    server.process.kill('SIGTERM')
    const exit = await server.exited
    const exitMs = Date.now() - tTerm
    // A client may resync between the new process listening and the readiness poll seeing it, so a
    // resync counts from the spawn (counting from `tUp` waited forever for such a client).
    const tSpawn = Date.now()
    server = await startChildServer(env, port)
    const tUp = Date.now()
    const restartRss = rssSampler(server.process.pid!, 250)
    const allResynced = () => workers.every((w) => w.progress?.lastSyncAt?.every((t) => t > tSpawn) && w.progress.synced === w.progress.clients)
    await waitFor(allResynced, 120_000, `all ${remaining} clients resynced after the restart`)
    const syncTimes = workers.flatMap((w) => w.progress!.lastSyncAt!)
    const resyncFromUp = syncTimes.map((t) => t - tUp)
    const after = await divergentBoards(workers)
    const unchanged = [...before.digests].every(([num, digest]) => after.digests.get(num) === digest)
    const restartPeak = restartRss.stop()
    const closeCodes: Record<string, number> = {}
    for (const w of workers) for (const [k, n] of Object.entries(w.progress!.closes)) closeCodes[k] = (closeCodes[k] ?? 0) + n
    figures = {
      connections: o.connections,
      boards: o.boards,
      loadProcesses: o.workers,
      connectSeconds: round(connectSeconds),
      holdSeconds: round(holdSeconds),
      connectionsHeldMin: Math.min(...held),
      connectionsHeldMean: round(held.reduce((a, b) => a + b, 0) / held.length),
      closesDuringHold,
      floodCloses,
      editsPerSecond: round(edits / holdSeconds),
      remoteUpdatesPerSecond: round(received / holdSeconds),
      boardsConvergedAfterHold: convergedAfterHold,
      serverRssFirstMb: round(holdRss.first),
      serverRssPeakMb: round(holdRss.peak),
      serverRssLastMb: round(holdRss.last),
      restartedWith: remaining,
      sigtermExitCode: exit.code ?? -1,
      sigtermExitMs: exitMs,
      resyncAllMsFromSigterm: Math.max(...syncTimes) - tTerm,
      resyncAllMsFromListening: Math.max(...resyncFromUp),
      resyncMsP50FromListening: percentile(resyncFromUp, 50),
      resyncMsP90FromListening: percentile(resyncFromUp, 90),
      contentUnchangedByRestart: unchanged && after.divergent.length === 0,
      restartRssPeakMb: round(restartPeak.peak),
      closeCodes
    }
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL')
    if (server.process.exitCode === null) server.process.kill('SIGKILL')
    await server.exited
    await rm(dataDir, { recursive: true, force: true })
  }
  return figures
}

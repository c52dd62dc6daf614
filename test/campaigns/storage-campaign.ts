import { execFileSync } from 'node:child_process'
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloseCode } from '../../shared/close-codes'
import { useJitteredReconnect } from '../../shared/reconnect-backoff'
import { freePort, startChildServer, type ChildServer, type Launcher } from '../support/child-server'
import { addConcept, mapOf, stockClient, waitFor, type StockClient } from '../support/clients'
import { adminApi, insertionCounts, readJournalFile, readJournalWithLog, sleep, type CampaignOptions, type Figures } from './campaign-support'

const ADMIN = 'storage-campaign-admin'

/**
 * A real full disk: the server runs in its own mount namespace (`unshare -m`, as root or with
 * --map-root-user) where board A's folder is a small tmpfs; the campaign fills it through
 * /proc/<pid>/root (which resolves paths in that namespace) and later frees it. Board B, on the
 * ordinary disk, must not notice.
 */
function tmpfsLauncher(boardDir: string, saveDir: string, size: string): Launcher {
  const script = [
    'set -e',
    'mkdir -p "$1" "$2"',
    'cp -a "$1/." "$2/"',
    'mount -t tmpfs -o size="$3" cg-fault "$1"',
    'cp -a "$2/." "$1/"',
    'shift 3',
    'exec "$@"'
  ].join('; ')
  const asRoot = process.getuid?.() === 0
  return (node, entry) => ['unshare', [...(asRoot ? ['-m'] : ['--mount', '--map-root-user']), 'sh', '-c', script, 'sh', boardDir, saveDir, size, node, entry]]
}

/** Whether this machine lets us mount a tmpfs in a private namespace. */
export function canMountTmpfs(): boolean {
  try {
    const asRoot = process.getuid?.() === 0
    execFileSync('unshare', [...(asRoot ? ['-m'] : ['--mount', '--map-root-user']), 'sh', '-c', 'mount -t tmpfs -o size=64k t /mnt'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Writes zeros until the file system says ENOSPC; returns the bytes written. */
function fillUp(path: string): number {
  const fd = openSync(path, 'w')
  let total = 0
  try {
    for (const size of [1 << 16, 4096, 1]) {
      const chunk = Buffer.alloc(size)
      for (;;) {
        try {
          total += writeSync(fd, chunk)
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break
          throw e
        }
      }
    }
  } finally {
    closeSync(fd)
  }
  return total
}

export async function storageCampaign(o: CampaignOptions & { faultMs: number; editEveryMs: number }): Promise<Figures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cg-campaign-storage-'))
  const port = await freePort()
  const env = { DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, FSYNC_INTERVAL_MS: '20', IDLE_UNLOAD_MS: '60000' }
  let server: ChildServer = await startChildServer(env, port)
  const api = adminApi(server.url, ADMIN)
  const a = (await api.createBoard('On a disk that fills up')).id
  const b = (await api.createBoard('On a healthy disk')).id
  const tokens = {
    a: [await api.invite(a, 'brand'), await api.invite(a, 'customer'), await api.invite(a, 'brand')],
    aView: [await api.invite(a, 'viewer'), await api.invite(a, 'viewer')],
    b: [await api.invite(b, 'brand'), await api.invite(b, 'customer')],
    bView: await api.invite(b, 'viewer')
  }
  server.process.kill('SIGTERM')
  await server.exited

  const boardDir = join(dataDir, 'boards', a)
  server = await startChildServer(env, port, tmpfsLauncher(boardDir, join(dataDir, 'saved-board-a'), '1m'))
  const pid = server.process.pid!
  // Paths as the server sees them, in its namespace.
  const inServer = (p: string) => `/proc/${pid}/root${p}`
  const wsUrl = `ws://127.0.0.1:${port}/sync`
  const connect = (board: string, token: string) => {
    const c = stockClient(wsUrl, board, token)
    useJitteredReconnect(c.provider, { baseMs: 50, capMs: 1000 })
    return c
  }
  const writersA = tokens.a.map((t) => connect(a, t))
  const viewersA = tokens.aView.map((t) => connect(a, t))
  const writersB = tokens.b.map((t) => connect(b, t))
  const viewerB = connect(b, tokens.bView)
  const all = [...writersA, ...viewersA, ...writersB, viewerB]
  const receivedA = new Set<string>()
  for (const c of [...writersA, ...viewersA]) {
    c.doc.getMap('concepts').observe((event, txn) => {
      if (!txn.local) for (const key of event.keysChanged) receivedA.add(key)
    })
  }
  await waitFor(() => all.every((c) => c.provider.synced), 20_000, 'initial sync')

  const writers: Array<{ client: StockClient; prefix: string; made: number }> = [
    ...writersA.map((client, i) => ({ client, prefix: `a${i}`, made: 0 })),
    ...writersB.map((client, i) => ({ client, prefix: `b${i}`, made: 0 }))
  ]
  const timer = setInterval(() => {
    for (const w of writers) {
      addConcept(w.client.doc, `${w.prefix}-${w.made}`, `edit ${w.made}`, w.made, 0)
      w.made++
    }
  }, o.editEveryMs)

  let figures: Figures
  try {
    await sleep(800)
    const filler = inServer(join(boardDir, 'filler'))
    const filled = fillUp(filler)
    const faultAt = Date.now()
    await waitFor(() => writersA.some((c) => c.closes.some((e) => e.code === CloseCode.storageUnavailable)), 20_000, 'board A refusing writes (4503)')
    const refusedAfterMs = Date.now() - faultAt
    o.log(`filled ${filled} bytes; board A closed its sockets with 4503 after ${refusedAfterMs} ms`)
    const bBefore = viewerB.doc.getMap('concepts').size
    const journalA = inServer(join(boardDir, 'journal.cgj'))
    // A's journal is its file and what only the log holds (appends reach the file in batches).
    const walDir = join(dataDir, 'wal')
    const entriesAtFault = readJournalWithLog(journalA, walDir, a).length
    await sleep(o.faultMs)
    // While the disk is full: A's journal does not grow, and nothing reached A's clients that is not in it.
    const entriesDuringFault = readJournalWithLog(journalA, walDir, a)
    const journaledKeys = new Set(insertionCounts(entriesDuringFault, /^a\d+-\d+$/).keys())
    const relayedNotJournaled = [...receivedA].filter((key) => !journaledKeys.has(key))
    const bGrowth = viewerB.doc.getMap('concepts').size - bBefore
    const bRefusals = [...writersB, viewerB].flatMap((c) => c.closes).length
    // Each writer still holds every edit it made, journaled or not.
    const keptLocally = writers.every((w) => {
      const keys = w.client.doc.getMap('concepts')
      for (let n = 0; n < w.made; n++) if (!keys.has(`${w.prefix}-${n}`)) return false
      return true
    })
    const refusalsA = [...writersA, ...viewersA].flatMap((c) => c.closes)
    o.log(`during ${o.faultMs} ms of fault: A journal ${entriesAtFault} → ${entriesDuringFault.length} entries, ${refusalsA.length} closes of A's sockets, B grew by ${bGrowth}`)

    unlinkSync(filler)
    const clearedAt = Date.now()
    clearInterval(timer)
    const totalA = writers.filter((w) => w.prefix.startsWith('a')).reduce((n, w) => n + w.made, 0)
    const totalB = writers.filter((w) => w.prefix.startsWith('b')).reduce((n, w) => n + w.made, 0)
    await waitFor(
      () => viewersA.every((c) => c.provider.synced && c.doc.getMap('concepts').size === totalA) && viewerB.doc.getMap('concepts').size === totalB,
      60_000,
      'resync after the fault cleared'
    )
    await waitFor(() => [...writersA, ...viewersA].every((c) => c.provider.synced && mapOf(c.doc) === mapOf(viewersA[0]!.doc)), 30_000, 'A converged')
    const recoveredMs = Date.now() - clearedAt
    const finalA = readJournalWithLog(journalA, walDir, a)
    const countsA = insertionCounts(finalA, /^a\d+-\d+$/)
    const codes: Record<string, number> = {}
    for (const c of refusalsA) codes[c.code] = (codes[c.code] ?? 0) + 1
    for (const c of all) c.destroy()
    server.process.kill('SIGTERM')
    const exit = await server.exited
    const countsB = insertionCounts(readJournalFile(join(dataDir, 'boards', b, 'journal.cgj')), /^b\d+-\d+$/)
    figures = {
      fault: 'ENOSPC on a 1 MiB tmpfs holding board A',
      bytesFilled: filled,
      refusedAfterMs,
      refusalCodes: codes,
      journalEntriesAtFault: entriesAtFault,
      journalEntriesAfterFault: entriesDuringFault.length,
      relayedNotJournaled: relayedNotJournaled.length,
      keptLocally,
      boardBGrewDuringFault: bGrowth,
      boardBCloses: bRefusals,
      recoveredMs,
      editsA: totalA,
      journaledA: countsA.size,
      duplicatedA: [...countsA.values()].filter((n) => n > 1).length,
      editsB: totalB,
      journaledB: countsB.size,
      exitCode: exit.code ?? -1
    }
  } finally {
    clearInterval(timer)
    if (server.process.exitCode === null) server.process.kill('SIGKILL')
    await server.exited
    await rm(dataDir, { recursive: true, force: true })
  }
  return figures
}

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/close-codes'
import { freePort, startChildServer } from '../support/child-server'
import { addConcept, stockClient, waitFor, type StockClient } from '../support/clients'
import { int, pick, prng } from '../support/prng'
import { rawSocket, syncUrl } from '../support/raw-socket'
import { adminApi, cpuSeconds, insertionCounts, readJournalFile, round, rssSampler, sleep, type CampaignOptions, type Figures } from './campaign-support'
import { fuzzFrame } from './fuzz-frames'
import { contentAttacks } from './trust-attacks'

const ADMIN = 'fuzz-campaign-admin'
const MAX_FRAME_BYTES = 256 * 1024
const NAMED = new Set<number>(Object.values(CloseCode))

/** The board's content as plain, key-sorted JSON (meta aside: the server writes it, not the clients). */
function contentOf(doc: Y.Doc): string {
  const sorted = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sorted(x)]))
      : v
  return JSON.stringify(sorted({ concepts: doc.getMap('concepts').toJSON(), links: doc.getMap('links').toJSON() }))
}

/** Heap of the server from /metrics, when the service exposes prom-client's default metrics. */
async function heapMb(baseUrl: string): Promise<number | null> {
  try {
    const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } })
    if (!res.ok) return null
    const match = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})? ([\d.e+]+)$/m.exec(await res.text())
    return match ? Number(match[1]) / 2 ** 20 : null
  } catch {
    return null
  }
}


/**
 * Resolves true once a sync step 2 arrives at index `from` or later, false if the socket closes
 * first (event-driven: no polling). Either way it leaves no listener behind: it is called once per
 * probe on a long-lived socket.
 */
function stepTwoAfter(ws: WebSocket, messages: Uint8Array[], from: number): Promise<boolean> {
  const isStepTwo = (m: Uint8Array) => m[0] === 0 && m[1] === 1
  if (messages.slice(from).some(isStepTwo)) return Promise.resolve(true)
  return new Promise((resolve) => {
    const settle = (answered: boolean) => {
      ws.off('message', onMessage)
      ws.off('close', onClose)
      resolve(answered)
    }
    const onMessage = (data: Buffer) => {
      if (isStepTwo(new Uint8Array(data))) settle(true)
    }
    const onClose = () => settle(false)
    ws.on('message', onMessage)
    ws.on('close', onClose)
  })
}

/**
 * Generated hostile frames at the sync endpoint from many connections with valid tokens, while
 * honest stock clients edit the same board. The server must stay up with bounded memory, close each
 * fuzz connection with a named code (or keep serving it), and the board must hold exactly what the
 * honest clients made.
 */
export async function fuzzCampaign(o: CampaignOptions & { frames: number; connections: number; maxSeconds: number }): Promise<Figures> {
  const random = prng(o.seed)
  const dataDir = await mkdtemp(join(tmpdir(), 'cg-campaign-fuzz-'))
  const port = await freePort()
  const server = await startChildServer({ DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, MAX_FRAME_BYTES: String(MAX_FRAME_BYTES) }, port)
  const honest: StockClient[] = []
  try {
    const wsUrl = `ws://127.0.0.1:${port}/sync`
    const api = adminApi(server.url, ADMIN)
    const { id } = await api.createBoard('Fuzz campaign')
    const editorTokens = [await api.invite(id, 'brand'), await api.invite(id, 'customer'), await api.invite(id, 'facilitator')]
    const viewerTokens = [await api.invite(id, 'viewer')]

    // Honest clients, and a document that only ever sees their own edits: the expected content.
    const expected = new Y.Doc()
    for (let i = 0; i < 3; i++) {
      const c = stockClient(wsUrl, id, await api.invite(id, i === 2 ? 'customer' : 'brand'))
      c.doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, txn: Y.Transaction) => {
        if (txn.local) Y.applyUpdate(expected, update)
      })
      c.provider.awareness.setLocalState({ user: { name: `honest ${i}` } })
      honest.push(c)
    }
    await waitFor(() => honest.every((c) => c.provider.synced), 20_000, 'honest clients synced')
    const made = [0, 0, 0]
    const honestTimer = setInterval(() => {
      const i = int(random, 0, 2)
      const doc = honest[i]!.doc
      if (made[i]! > 0 && random() < 0.4) doc.getMap<Y.Map<unknown>>('concepts').get(`h${i}-${int(random, 0, made[i]! - 1)}`)?.set('label', `relabel ${Date.now()}`)
      else addConcept(doc, `h${i}-${made[i]}`, `honest ${made[i]}`, made[i]!, i)
      made[i]!++
    }, 50)

    const memory = rssSampler(server.process.pid!)
    const cpuAtStart = process.cpuUsage()
    const heaps: number[] = []
    const heapTimer = setInterval(() => void heapMb(server.url).then((v) => v !== null && heaps.push(v)), 2000)
    const codes: Record<string, number> = {}
    const kinds: Record<string, number> = {}
    const reasons: Record<string, number> = {}
    let sent = 0
    let connections = 0
    let keptWorking = 0
    let unnamed = 0
    let deniedReplies = 0
    let answeredFrames = 0
    // Asking from the honest edits' state vector keeps the answers small.
    const probe = () => {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint8Array(e, Y.encodeStateVector(expected))
      return encoding.toUint8Array(e)
    }
    const started = Date.now()
    const deadline = started + o.maxSeconds * 1000
    let lastReport = started

    async function fuzzer(lane: number): Promise<void> {
      const laneRandom = prng(o.seed * 1000 + lane)
      while (sent < o.frames && Date.now() < deadline) {
        const token = laneRandom() < 0.75 ? pick(laneRandom, editorTokens) : pick(laneRandom, viewerTokens)
        const s = rawSocket(syncUrl(wsUrl, id, token), { maxPayload: 64 * 1024 * 1024 })
        connections++
        try {
          await s.opened
        } catch {
          const c = await s.closed
          codes[`handshake ${c.code}`] = (codes[`handshake ${c.code}`] ?? 0) + 1
          continue
        }
        let closed: { code: number | string } | null = null
        void s.closed.then((c) => (closed = c))
        const budget = int(laneRandom, 1, 200)
        let survived = 0
        for (let i = 0; i < budget && closed === null; i++) {
          const frame = fuzzFrame(laneRandom, MAX_FRAME_BYTES)
          s.ws.send(frame.data, { binary: typeof frame.data !== 'string' })
          // A probe after each frame (sync step 1, answered in order after whatever the frame
          // caused): its answer proves the server read the frame and kept the connection.
          const before = s.messages.length
          s.ws.send(probe())
          sent++
          kinds[frame.kind] = (kinds[frame.kind] ?? 0) + 1
          const answered = await Promise.race([
            stepTwoAfter(s.ws, s.messages, before),
            s.closed.then(() => false),
            sleep(20_000).then(() => false)
          ])
          if (!answered) break
          survived++
          if (i === budget - 1) {
            keptWorking++
            s.ws.close(1000)
          }
        }
        answeredFrames += survived
        if (s.ws.readyState === WebSocket.CLOSED || s.ws.readyState === WebSocket.CLOSING) {
          if (closed === null || (closed as { code: number | string }).code !== 1000) {
            const c = await Promise.race([s.closed, sleep(15_000).then(() => ({ code: 'no close within 15 s' as string | number }))])
            if (c.code !== 1000) {
              codes[c.code] = (codes[c.code] ?? 0) + 1
              // Numbers and quoted bytes vary per frame; the reason's words are what to tally.
              const words = ((c as { reason?: string }).reason ?? '').split(/[:"]/)[0]!.replace(/\d+/g, 'N').trim()
              const reason = `${c.code} ${words}`.trim()
              reasons[reason] = (reasons[reason] ?? 0) + 1
              if (typeof c.code !== 'number' || !NAMED.has(c.code)) unnamed++
            }
          }
        } else {
          // Neither answered nor closed: stuck, which no client should ever see.
          codes['stuck'] = (codes['stuck'] ?? 0) + 1
          unnamed++
          s.ws.terminate()
        }
        deniedReplies += s.messages.filter((m) => m[0] === 2).length
        if (Date.now() - lastReport > 5000) {
          lastReport = Date.now()
          o.log(`${sent} frames over ${connections} connections, server RSS ${round(memory.samples.at(-1) ?? 0)} MB`)
        }
      }
    }

    try {
      await Promise.all(Array.from({ length: o.connections }, (_, lane) => fuzzer(lane)))
    } finally {
      clearInterval(honestTimer)
      clearInterval(heapTimer)
    }
    const fuzzSeconds = (Date.now() - started) / 1000
    // Then issue 19's content attacks, each once, from a brand the fuzzing has not struck out.
    const attacks = await contentAttacks({ wsUrl, boardId: id, brandToken: await api.invite(id, 'brand'), victim: honest[0]! })
    const rss = memory.stop()
    const serverCpu = cpuSeconds(server.process.pid!) ?? 0
    const ownCpu = process.cpuUsage(cpuAtStart)
    const upAfter = server.process.exitCode === null && (await fetch(`${server.url}/healthz`)).ok
    const honestEdits = made.reduce((a, b) => a + b, 0)

    const reader = stockClient(wsUrl, id, viewerTokens[0]!)
    const target = contentOf(expected)
    await waitFor(
      () => [...honest, reader].every((c) => c.provider.synced && contentOf(c.doc) === target),
      30_000,
      'honest clients and a fresh reader converge on exactly the honest edits'
    )
    const honestCloses: Record<string, number> = {}
    for (const c of honest.flatMap((h) => h.closes)) honestCloses[c.code] = (honestCloses[c.code] ?? 0) + 1
    const titleAfter = String(reader.doc.getMap('meta').get('title') ?? '')
    for (const c of [...honest, reader]) c.destroy()
    server.process.kill('SIGTERM')
    const exit = await server.exited
    const entries = readJournalFile(join(dataDir, 'boards', id, 'journal.cgj'))
    const fuzzJournaled = insertionCounts(entries, /^fuzz-/).size
    // Never applied at all (refused before Yjs saw them), unlike the refused-and-reverted ones.
    const unappliedAttacksJournaled = insertionCounts(entries, /^attack-(big|squat)$/).size
    const victimEditJournaled = insertionCounts(entries, /^victim-after-squat$/).get('victim-after-squat') ?? 0
    await rm(dataDir, { recursive: true, force: true })
    return {
      framesSent: sent,
      framesAnsweredAfter: answeredFrames,
      framesPerSecond: Math.round(sent / fuzzSeconds),
      fuzzConnections: connections,
      concurrentFuzzConnections: o.connections,
      closeCodes: codes,
      closeReasons: reasons,
      keptWorking,
      unnamedCloses: unnamed,
      permissionDeniedReplies: deniedReplies,
      frameKinds: kinds,
      honestEdits,
      honestConverged: true,
      // An update that "cannot be applied" closes only its sender (the room rebuilds its document from the journal).
      honestCloses,
      fuzzEditsJournaled: fuzzJournaled,
      ...attacks,
      unappliedAttacksJournaled,
      victimEditJournaled,
      brandTitleKept: titleAfter.startsWith('attack'),
      serverUpAfter: upAfter,
      exitCode: exit.code ?? -1,
      rssFirstMb: round(rss.first),
      rssPeakMb: round(rss.peak),
      rssLastMb: round(rss.last),
      heapPeakMb: heaps.length > 0 ? round(Math.max(...heaps)) : 'n/a',
      seconds: round(fuzzSeconds),
      serverCpuSeconds: round(serverCpu),
      fuzzerCpuSeconds: round((ownCpu.user + ownCpu.system) / 1e6),
      serverLogBytes: server.stderr().length
    }
  } finally {
    // On a failure midway, leave no server or client behind.
    for (const c of honest) c.provider.shouldConnect = false
    if (server.process.exitCode === null && server.process.signalCode === null) server.process.kill('SIGKILL')
  }
}

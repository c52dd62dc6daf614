// A load-generator process of the load campaign: hosts a slice of the simulated participants (stock
// y-websocket providers with OUR jittered reconnect) and is driven over IPC by load-campaign.ts.
import { createHash } from 'node:crypto'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { useJitteredReconnect } from '../../shared/reconnect-backoff'
import { prng } from '../support/prng'

export interface WorkerClient {
  num: number
  board: string
  token: string
}

export type ToWorker =
  | { type: 'connect'; wsUrl: string; clients: WorkerClient[]; batch: number; pauseMs: number; seed: number }
  | { type: 'edit'; ratePerClient: number }
  | { type: 'stop-edits' }
  | { type: 'digests' }
  | { type: 'drop'; keepEvery: number }
  | { type: 'exit' }

export interface WorkerProgress {
  type: 'progress'
  clients: number
  connected: number
  synced: number
  edits: number
  received: number
  closes: Record<string, number>
  /** Epoch ms of each live client's latest sync (0 if never). */
  lastSyncAt?: number[]
}

interface Client extends WorkerClient {
  doc: Y.Doc
  provider: WebsocketProvider
  random: () => number
  own: string[]
  lastSyncAt: number
  timer: NodeJS.Timeout | null
}

// Each provider adds a process 'exit' listener; hundreds per process are expected.
process.setMaxListeners(0)
const clients: Client[] = []
const closes: Record<string, number> = {}
let edits = 0
let received = 0
const send = (msg: unknown) => process.connected && process.send!(msg)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function progress(withSyncTimes = false): WorkerProgress {
  return {
    type: 'progress',
    clients: clients.length,
    connected: clients.filter((c) => c.provider.wsconnected).length,
    synced: clients.filter((c) => c.provider.wsconnected && c.provider.synced).length,
    edits,
    received,
    closes,
    ...(withSyncTimes ? { lastSyncAt: clients.map((c) => c.lastSyncAt) } : {})
  }
}

function createClient(wsUrl: string, desc: WorkerClient, seed: number): Client {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(wsUrl, desc.board, doc, {
    params: { token: desc.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true
  })
  useJitteredReconnect(provider)
  provider.awareness.setLocalState({ user: { name: `participant ${desc.num}` } })
  const c: Client = { ...desc, doc, provider, random: prng(seed + desc.num), own: [], lastSyncAt: 0, timer: null }
  provider.on('sync', (isSynced: boolean) => {
    if (isSynced) c.lastSyncAt = Date.now()
  })
  provider.on('connection-close', (event: CloseEvent | null) => {
    const key = String(event?.code ?? 'local')
    closes[key] = (closes[key] ?? 0) + 1
  })
  doc.on('update', (_u: Uint8Array, _o: unknown, _d: Y.Doc, txn: Y.Transaction) => {
    if (!txn.local) received++
  })
  return c
}

/** One participant's edit: mostly moving or renaming one of their concepts, sometimes a new one. */
function edit(c: Client): void {
  const concepts = c.doc.getMap<Y.Map<unknown>>('concepts')
  if (c.own.length === 0 || c.random() < 0.25) {
    const id = `p${c.num}-${c.own.length}`
    const m = new Y.Map<unknown>()
    c.doc.transact(() => {
      m.set('label', `idea ${c.own.length} of ${c.num}`)
      m.set('x', Math.round(c.random() * 2000))
      m.set('y', Math.round(c.random() * 1200))
      concepts.set(id, m)
    })
    c.own.push(id)
  } else {
    const m = concepts.get(c.own[Math.floor(c.random() * c.own.length)]!)
    if (!m) return
    if (c.random() < 0.6) {
      c.doc.transact(() => {
        m.set('x', Math.round(c.random() * 2000))
        m.set('y', Math.round(c.random() * 1200))
      })
    } else m.set('label', `renamed ${edits}`)
  }
  edits++
}

const contentDigest = (doc: Y.Doc) =>
  createHash('sha256')
    .update(JSON.stringify([...doc.getMap<Y.Map<unknown>>('concepts').entries()].map(([k, v]) => [k, v.toJSON()]).sort(([a], [b]) => String(a).localeCompare(String(b)))))
    .digest('hex')
    .slice(0, 16)

const handlers: Record<ToWorker['type'], (msg: never) => Promise<void>> = {
  async connect(msg: Extract<ToWorker, { type: 'connect' }>) {
    for (let i = 0; i < msg.clients.length; i++) {
      clients.push(createClient(msg.wsUrl, msg.clients[i]!, msg.seed))
      if (i % msg.batch === msg.batch - 1) await sleep(msg.pauseMs)
    }
  },
  async edit(msg: Extract<ToWorker, { type: 'edit' }>) {
    const period = 1000 / msg.ratePerClient
    for (const c of clients) {
      // Random phase, then jittered periods, so participants do not edit in lockstep.
      const tick = () => {
        edit(c)
        c.timer = setTimeout(tick, period * (0.5 + c.random()))
      }
      c.timer = setTimeout(tick, c.random() * period)
    }
  },
  async 'stop-edits'() {
    for (const c of clients) if (c.timer) clearTimeout(c.timer)
  },
  async digests() {
    send({ type: 'digests', digests: clients.map((c) => ({ num: c.num, board: c.board, digest: contentDigest(c.doc), concepts: c.doc.getMap('concepts').size })) })
  },
  async drop(msg: Extract<ToWorker, { type: 'drop' }>) {
    const keep: Client[] = []
    clients.forEach((c, i) => {
      if (i % msg.keepEvery === 0) keep.push(c)
      else {
        c.provider.destroy()
        c.doc.destroy()
      }
    })
    clients.length = 0
    clients.push(...keep)
  },
  async exit() {
    process.exit(0)
  }
}

setInterval(() => send(progress(true)), 500).unref()
process.on('message', (msg: ToWorker) => {
  handlers[msg.type](msg as never).then(
    () => send({ type: 'done', of: msg.type }),
    (err: Error) => send({ type: 'error', message: err.stack ?? String(err) })
  )
})
// If the orchestrator dies, do not linger as load against nothing.
process.on('disconnect', () => process.exit(0))
send({ type: 'ready' })

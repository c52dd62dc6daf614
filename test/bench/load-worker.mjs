// A load-generator process: hosts a slice of the simulated clients and is driven by run.mjs over
// IPC through the phases setup → seed → start → report → exit. It records, for every remote edit it
// observes, the delay since the sender stamped it.
import * as Y from 'yjs'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { connect } from './providers.mjs'
import { now } from './stats.mjs'

// Each y-websocket provider registers a process 'exit' listener; hundreds per process are expected.
process.setMaxListeners(0)

// Each edit carries "<sender>-<ms, '_' for the point>" in a field every server keeps: `origin` is a
// string field of the board schema (an id, URL-safe); a field outside the schema would be refused.
const STAMP_FIELD = 'origin'
// Share of edits that touch another client's concept rather than one's own (mixes 'move-relabel'
// and 'workshop').
const OTHERS_SHARE = 0.2

/**
 * What each client's edits are, by scenario:
 * - 'move-relabel': alternately a move (x, y) and a relabel, 20 % of them of another client's concept;
 * - 'own-relabel': a relabel of its own concept, every time (scenario c: the cost per accepted update);
 * - 'workshop': in turn a move, a relabel and a link (its own link created from its concept to another
 *   client's, then reconnected to another each time), moves and relabels 20 % on another's concept.
 * Every edit stamps the touched concept (its client's own, for a link) in the same transaction.
 */
const MIXES = ['move-relabel', 'own-relabel', 'workshop']
let mix = 'move-relabel'

const clients = []
let editStart = Infinity
let windowStart = Infinity
let windowEnd = -Infinity
let progressTimer = null
// A stalled load generator delays observations for every server alike; this tells whether it did.
const loopDelay = monitorEventLoopDelay({ resolution: 10 })

const send = (msg) => process.connected && process.send(msg)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// Same seed → same edit sequence for every server, so they see identical workloads.
function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function createClient(desc) {
  const doc = new Y.Doc()
  const c = {
    ...desc,
    doc,
    concepts: doc.getMap('concepts'),
    rng: mulberry32(desc.seed),
    synced: false,
    createdAt: now(),
    syncMs: null,
    closesBeforeSync: 0,
    closesAfterSync: 0,
    closeReasons: {},
    sent: 0,
    edits: 0,
    skipped: 0,
    latencies: [],
    outside: 0
  }
  c.concepts.observeDeep((events, txn) => {
    if (txn.local) return
    for (const event of events) {
      if (event.target === c.concepts || !event.keysChanged.has(STAMP_FIELD)) continue
      const stamp = event.target.get(STAMP_FIELD)
      if (typeof stamp !== 'string') continue
      const at = stamp.indexOf('-')
      // Our own edit can come back as a losing concurrent write; it is not a delivery.
      if (Number(stamp.slice(0, at)) === c.num) continue
      const sentAt = Number(stamp.slice(at + 1).replace('_', '.'))
      if (sentAt >= windowStart && sentAt <= windowEnd) c.latencies.push(now() - sentAt)
      else c.outside++
    }
  })
  c.conn = connect(desc.target, doc, {
    onSynced: () => {
      c.synced = true
      c.syncMs ??= now() - c.createdAt
    },
    onClose: (code, reason) => {
      if (c.synced) c.closesAfterSync++
      else c.closesBeforeSync++
      // y-websocket stops reconnecting on 4400–4499, so such a client will never sync.
      if (desc.target.kind === 'y-websocket' && code >= 4400 && code < 4500) c.gaveUp = true
      const key = `${code ?? '-'} ${reason ?? ''}`.trim()
      c.closeReasons[key] = (c.closeReasons[key] ?? 0) + 1
    }
  })
  return c
}

function progress() {
  const closeReasons = {}
  for (const c of clients) for (const [k, n] of Object.entries(c.closeReasons)) closeReasons[k] = (closeReasons[k] ?? 0) + n
  return {
    type: 'progress',
    total: clients.length,
    synced: clients.filter((c) => c.synced).length,
    gaveUp: clients.filter((c) => c.gaveUp && !c.synced).length,
    seeded: clients.filter((c) => c.concepts.size >= c.boardSize).length,
    closesBeforeSync: clients.reduce((n, c) => n + c.closesBeforeSync, 0),
    closesAfterSync: clients.reduce((n, c) => n + c.closesAfterSync, 0),
    skipped: clients.reduce((n, c) => n + c.skipped, 0),
    observed: clients.reduce((n, c) => n + c.latencies.length, 0),
    expected: clients.reduce((n, c) => n + c.sent * (c.boardSize - 1), 0),
    closeReasons
  }
}

function conceptId(c) {
  return `c${c.num}`
}

function edit(c) {
  const own = conceptId(c)
  const kind = mix === 'own-relabel' ? 'relabel' : mix === 'workshop' ? ['move', 'relabel', 'link'][c.edits % 3] : c.edits % 2 === 0 ? 'move' : 'relabel'
  let id = own
  if (mix !== 'own-relabel' && kind !== 'link' && c.others.length > 0 && c.rng() < OTHERS_SHARE) id = c.others[Math.floor(c.rng() * c.others.length)]
  const concept = c.concepts.get(id)
  if (!(concept instanceof Y.Map)) return
  const sentAt = now()
  const stamp = `${c.num}-${sentAt.toFixed(3).replace('.', '_')}`
  c.doc.transact(() => {
    if (kind === 'move') {
      concept.set('x', Math.round(c.rng() * 2000))
      concept.set('y', Math.round(c.rng() * 1200))
    } else if (kind === 'relabel') {
      concept.set('label', `concept ${c.num} rev ${c.edits}`)
    } else {
      const to = c.others.length > 0 ? c.others[Math.floor(c.rng() * c.others.length)] : own
      const links = c.doc.getMap('links')
      const link = links.get(`l${c.num}`)
      if (link instanceof Y.Map) link.set('to', to)
      else {
        const created = new Y.Map()
        created.set('from', own)
        created.set('to', to)
        created.set('label', 'relates to')
        links.set(`l${c.num}`, created)
      }
    }
    concept.set(STAMP_FIELD, stamp)
  })
  c.edits++
  if (sentAt >= windowStart) c.sent++
}

function scheduleEdits(c, rate) {
  const period = 1000 / rate
  // Random phase so clients don't all fire on the same tick.
  let next = editStart + c.rng() * period
  const fire = () => {
    if (now() >= windowEnd) return
    edit(c)
    next += period
    // After a stall, skip the missed ticks instead of firing them back to back: a burst of edits
    // to one concept would be merged by servers that coalesce, and read as lost deliveries.
    const earliest = now() + period / 2
    while (next < earliest) {
      if (next >= windowStart && next < windowEnd) c.skipped++
      next += period
    }
    setTimeout(fire, Math.max(0, next - now()))
  }
  setTimeout(fire, Math.max(0, next - now()))
}

const handlers = {
  async setup({ clients: descs, batch, batchPauseMs }) {
    // A scenario may add clients in phases (memory: one per board, then the other nine).
    progressTimer ??= setInterval(() => send(progress()), 250)
    // Ramp connections so the server's accept backlog isn't the thing being measured.
    for (let i = 0; i < descs.length; i++) {
      clients.push(createClient(descs[i]))
      if (i % batch === batch - 1) await sleep(batchPauseMs)
    }
  },
  // Each client (or only those listed by number) creates its own concept, and with `extra`, that
  // many more concepts and as many links between them (a board with content, for memory figures).
  async seed({ only, extra = 0 } = {}) {
    for (const c of clients) {
      if (only && !only.includes(c.num)) continue
      if (c.concepts.has(conceptId(c))) continue
      c.doc.transact(() => {
        const concept = new Y.Map()
        concept.set('label', `concept ${c.num}`)
        concept.set('x', Math.round(c.rng() * 2000))
        concept.set('y', Math.round(c.rng() * 1200))
        c.concepts.set(conceptId(c), concept)
        const links = c.doc.getMap('links')
        for (let i = 0; i < extra; i++) {
          const more = new Y.Map()
          more.set('label', `idea ${i} of ${c.num}`)
          more.set('x', Math.round(c.rng() * 2000))
          more.set('y', Math.round(c.rng() * 1200))
          c.concepts.set(`c${c.num}x${i}`, more)
          const link = new Y.Map()
          link.set('from', conceptId(c))
          link.set('to', `c${c.num}x${i}`)
          link.set('label', 'leads to')
          links.set(`l${c.num}x${i}`, link)
        }
      })
    }
  },
  async start({ tw, t0, t1, rate, mix: chosen = 'move-relabel' }) {
    if (!MIXES.includes(chosen)) throw new Error(`unknown edit mix ${chosen}`)
    mix = chosen
    editStart = tw
    setTimeout(() => loopDelay.enable(), Math.max(0, t0 - now()))
    windowStart = t0
    windowEnd = t1
    for (const c of clients) {
      c.others = [...c.concepts.keys()].filter((id) => id !== conceptId(c)).sort()
      scheduleEdits(c, rate)
    }
  },
  async report() {
    clearInterval(progressTimer)
    loopDelay.disable()
    const loopDelayMs = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 }
    const latencies = []
    let sent = 0
    let outside = 0
    for (const c of clients) {
      for (const v of c.latencies) latencies.push(Math.round(v * 1000) / 1000)
      sent += c.sent
      outside += c.outside
    }
    const syncMs = clients.map((c) => c.syncMs)
    send({ ...progress(), type: 'report', sent, outside, loopDelayMs, syncMs, latencies })
  },
  async exit() {
    // Skip destroying providers: the process is going away and the server sees closed sockets.
    process.exit(0)
  }
}

process.on('message', (msg) => {
  handlers[msg.type](msg).catch((err) => send({ type: 'error', message: err?.stack ?? String(err) }))
})
// If the orchestrator dies, don't linger as load against nothing.
process.on('disconnect', () => process.exit(0))
send({ type: 'ready' })

// Sync benchmark: Common Ground's server ("ours") against two stock Yjs servers under the same load.
//
// Methodology
// - Each (scenario, server) cell gets a fresh server process: ours (dist/server/main.js, fsync
//   journal in a throw-away DATA_DIR), @y/websocket-server 0.1.1 in memory ("reference") and
//   @hocuspocus/server 4 in memory ("hocuspocus"). Clients use each server's stock provider:
//   y-websocket's WebsocketProvider (ours, reference) and HocuspocusProvider (hocuspocus).
// - Clients live in BENCH_WORKERS (default 3) load-generator processes, never in the server's
//   process; clients are dealt round-robin so one board's clients span processes.
// - Phases: connect (ramped) → wait until every client reports synced → every client creates its own
//   concept in doc.getMap('concepts') → wait until every client sees all concepts of its board →
//   BENCH_WARMUP_SECONDS of unmeasured editing (JIT, first-touch allocations) → measured window of
//   BENCH_SECONDS → drain (until all in-window edits are observed, or ≥ 99 % and 1 s of silence, or
//   BENCH_DRAIN_MS) → collect.
// - In the window each client edits at a fixed rate with a random phase, alternating a move (x, y)
//   and a relabel; 20 % of edits hit another client's concept. A stalled generator skips missed ticks
//   (counted as skipped) rather than bursting. Each edit also stamps the concept's `origin` (a field
//   of the board schema) with "<sender>-<wall-clock ms>", and every other client of the board records
//   now − stamp when it observes the change. Load processes share the machine clock (performance.timeOrigin + now()).
// - Delivered/s counts those observations for edits sent in the window, divided by the window.
//   Delivery = observations ÷ (edits × (board clients − 1)). Below 100 % means late (after the
//   drain) or lost, or collapsed: a receiver only observes the last of several writes to one concept
//   that reach it in one update (concurrent writers, or a server that merges updates while busy).
// - Server CPU is utime+stime of the server process (all threads) from /proc over window + drain;
//   peak RSS is the max of VmRSS sampled every 200 ms and VmHWM (whole process life).
// - "Sync p99" is, per client, provider creation → first synced, during the ramped connect of all
//   clients (for ours this includes each invite's first use).
// - "Bg CPU" is machine-wide busy CPU not used by the server or the load generators (in % of one
//   core): the machine is shared, and a high value flags a noisy cell.
// - Everything is time-bounded; all children are SIGKILLed on exit, error or Ctrl-C.
//
// - Scale-out cells (BENCH_SERVERS=ours-pg,ours-2x): ours on PostgreSQL (BENCH_DATABASE_URL, a fresh
//   schema per cell, dropped after) as one instance, and as two instances fanning out through Redis
//   (BENCH_REDIS_URL) with each board's clients dealt alternately to them; CPU and RSS are summed
//   over the instances. The ratio table adds ours-2x ÷ ours and ours-2x ÷ ours-pg.
// Env: BENCH_SECONDS (20), BENCH_SCENARIOS (a,b), BENCH_SERVERS (ours,reference,hocuspocus,ours-pg,ours-2x),
//      BENCH_WORKERS (3), BENCH_WARMUP_SECONDS (10), BENCH_DRAIN_MS (5000), BENCH_ROUNDS (1: with
//      more, each metric in the table is the median over rounds), BENCH_NICE (unset: a nice value
//      for server and load processes; negative, as root, shields them from other work on a shared
//      machine), BENCH_OURS_MAIN (dist/server/main.js).
//      Raw results and server logs go to .bench/.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { setPriority } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { forkTracked, stopChild, killAll } from './children.mjs'
import { SERVERS, startServer, repoRoot } from './servers.mjs'
import { now, summarize, cpuSeconds, machineBusySeconds, startRssSampler, hostInfo } from './stats.mjs'
import { aggregate, ratios, render } from './report.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const outDir = join(repoRoot, '.bench')
const env = process.env
const list = (v, dflt) => (v ?? dflt).split(',').map((s) => s.trim()).filter(Boolean)

const config = {
  seconds: Number(env.BENCH_SECONDS ?? 20),
  drainMs: Number(env.BENCH_DRAIN_MS ?? 5000),
  // Ten seconds, not two: with two, V8 was still compiling our server's hot path inside the window
  // (--trace-opt in scenario b: 74 TurboFan compiles, ~1 s of compiler-thread time in 12 s), which
  // measures how much code a server has rather than what it costs per message once running.
  warmupSeconds: Number(env.BENCH_WARMUP_SECONDS ?? 10),
  workers: Math.min(4, Math.max(1, Number(env.BENCH_WORKERS ?? 3))),
  rounds: Math.max(1, Number(env.BENCH_ROUNDS ?? 1)),
  nice: env.BENCH_NICE === undefined ? null : Number(env.BENCH_NICE),
  scenarios: list(env.BENCH_SCENARIOS, 'a,b'),
  servers: list(env.BENCH_SERVERS, 'ours,reference,hocuspocus,ours-pg,ours-2x')
}

const SCENARIOS = {
  a: { boards: 1, clientsPerBoard: 50, rate: 2, describe: 'one workshop board, 50 clients × 2 edits/s' },
  b: { boards: 300, clientsPerBoard: 3, rate: 0.5, describe: '300 boards × 3 clients × 0.5 edits/s' }
}

const TIMEOUTS = { provision: 120_000, workerReady: 10_000, sync: 60_000, seed: 30_000, report: 20_000 }

for (const s of config.scenarios) if (!SCENARIOS[s]) throw new Error(`unknown scenario ${s} (have ${Object.keys(SCENARIOS)})`)
for (const s of config.servers) if (!SERVERS[s]) throw new Error(`unknown server ${s} (have ${Object.keys(SERVERS)})`)

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping all benchmark processes`)
    killAll()
    process.exit(130)
  })
}

const sleepUntil = (t) => new Promise((r) => setTimeout(r, Math.max(0, t - now())))

/** Drives the load-generator processes of one cell and remembers what each last said. */
class Workers {
  constructor(count) {
    this.procs = []
    this.last = []
    this.lastAt = []
    this.reports = []
    this.failure = null
    for (let i = 0; i < count; i++) {
      const child = forkTracked(join(here, 'load-worker.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      this.procs.push(child)
      child.on('message', (msg) => {
        if (msg.type === 'error') this.failure ??= `load worker ${i}: ${msg.message}`
        else if (msg.type === 'report') this.reports[i] = msg
        else {
          this.last[i] = msg
          this.lastAt[i] = now()
        }
      })
      child.on('exit', (code, sig) => {
        if (!this.closing) this.failure ??= `load worker ${i} exited (${code ?? sig})`
      })
    }
  }

  send(i, msg) {
    this.procs[i].send(msg)
  }

  broadcast(msg) {
    for (const p of this.procs) p.send(msg)
  }

  total(key) {
    return this.last.reduce((n, m) => n + (m?.[key] ?? 0), 0)
  }

  summary() {
    const reasons = {}
    for (const m of this.last) for (const [k, n] of Object.entries(m?.closeReasons ?? {})) reasons[k] = (reasons[k] ?? 0) + n
    return `synced ${this.total('synced')}/${this.total('total')}, seeded ${this.total('seeded')}, closes before sync ${this.total('closesBeforeSync')}, after sync ${this.total('closesAfterSync')}, close reasons ${JSON.stringify(reasons)}`
  }

  async waitFor(what, predicate, timeoutMs) {
    const deadline = Date.now() + timeoutMs
    while (!predicate()) {
      if (this.failure) throw new Error(this.failure)
      if (this.total('gaveUp') > 0) throw new Error(`clients were refused for good while waiting for ${what}: ${this.summary()}`)
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}: ${this.summary()}`)
      await new Promise((r) => setTimeout(r, 100))
    }
    if (this.failure) throw new Error(this.failure)
  }

  async close() {
    this.closing = true
    for (const p of this.procs) if (p.connected) p.send({ type: 'exit' })
    await Promise.all(this.procs.map((p) => stopChild(p, 2000)))
  }
}

async function runCell(scenarioId, serverName) {
  const sc = SCENARIOS[scenarioId]
  const clientCount = sc.boards * sc.clientsPerBoard
  const logPath = join(outDir, `server-${scenarioId}-${serverName}.log`)
  const server = await startServer(serverName, logPath)
  let workers
  try {
    const tProvision = Date.now()
    const boards = await withTimeout(SERVERS[serverName].provision(server, sc.boards, sc.clientsPerBoard), TIMEOUTS.provision, 'provisioning boards')
    const tProvisioned = Date.now()
    const count = Math.min(config.workers, clientCount)
    const slices = Array.from({ length: count }, () => [])
    let num = 0
    for (const targets of boards) {
      for (const target of targets) {
        slices[num % count].push({ num, seed: 0x9e3779b1 ^ (num * 2654435761), boardSize: targets.length, target })
        num++
      }
    }
    workers = new Workers(count)
    if (config.nice !== null) for (const pid of [...server.pids, ...workers.procs.map((p) => p.pid)]) renice(pid, config.nice)
    await workers.waitFor('load workers to start', () => workers.last.filter(Boolean).length === count, TIMEOUTS.workerReady)
    const tSynced0 = Date.now()
    slices.forEach((clients, i) => workers.send(i, { type: 'setup', clients, batch: 10, batchPauseMs: 20 }))
    await workers.waitFor('all clients to sync', () => workers.total('synced') === clientCount, TIMEOUTS.sync)
    const tSynced = Date.now()
    workers.broadcast({ type: 'seed' })
    await workers.waitFor('every client to see its board\'s concepts', () => workers.total('seeded') === clientCount, TIMEOUTS.seed)
    const closesBeforeWindow = workers.total('closesAfterSync')

    const tw = now() + 500
    const t0 = tw + config.warmupSeconds * 1000
    const t1 = t0 + config.seconds * 1000
    workers.broadcast({ type: 'start', tw, t0, t1, rate: sc.rate })
    await sleepUntil(t0)
    // Several instances count as one server: their CPU is summed, and so are their peak RSS.
    const serverCpu = () => server.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0)
    const cpu0 = serverCpu()
    const loadCpu0 = workers.procs.map((p) => cpuSeconds(p.pid))
    const busy0 = machineBusySeconds()
    const samplers = server.pids.map((pid) => startRssSampler(pid))
    await sleepUntil(t1)
    const drainMs = await drain(workers, t1)
    for (const c of server.children) if (c.exitCode !== null || c.signalCode !== null) throw new Error(`server exited during the window (${c.exitCode ?? c.signalCode}); see ${logPath}`)
    const cpu1 = serverCpu()
    const loadCpu = workers.procs.map((p, i) => cpuSeconds(p.pid) - loadCpu0[i])
    const busy = machineBusySeconds() - busy0
    const mems = samplers.map((s) => s.stop())
    const mem = { peakRssKb: mems.reduce((n, m) => n + m.peakRssKb, 0), hwmKb: mems.reduce((n, m) => n + m.hwmKb, 0) }

    workers.broadcast({ type: 'report' })
    await workers.waitFor('load reports', () => workers.reports.filter(Boolean).length === count, TIMEOUTS.report)
    const latencies = []
    let sent = 0
    let expected = 0
    for (const r of workers.reports) {
      for (const v of r.latencies) latencies.push(v)
      sent += r.sent
      expected += r.expected
    }
    const cpu = cpu1 - cpu0
    const windowSeconds = (t1 + drainMs - t0) / 1000
    const delivered = latencies.length
    return {
      status: 'ok',
      scenario: scenarioId,
      server: serverName,
      describe: SERVERS[serverName].describe,
      boards: sc.boards,
      clients: clientCount,
      seconds: config.seconds,
      provisionSeconds: (tProvisioned - tProvision) / 1000,
      connectSyncSeconds: (tSynced - tSynced0) / 1000,
      // Per client, from creating its provider to its first 'synced' (includes the connection ramp).
      timeToSyncMs: summarize(workers.reports.flatMap((r) => r.syncMs)),
      drainMs,
      sent,
      editsPerSec: sent / config.seconds,
      // Ticks the load generators skipped because they were stalled (in-window only).
      skippedEdits: workers.total('skipped'),
      expected,
      delivered,
      deliveredPerSec: delivered / config.seconds,
      deliveryRatio: expected ? delivered / expected : null,
      latency: summarize(latencies),
      cpuSeconds: cpu,
      cpuPercent: (cpu / windowSeconds) * 100,
      // Saturated load generators inflate latency for every server alike; this shows whether they were.
      loadCpuPercent: loadCpu.map((c) => (c / windowSeconds) * 100),
      loadLoopDelayMs: workers.reports.map((r) => r.loopDelayMs),
      // CPU used by neither the server nor the load generators (the machine is shared), in % of one core.
      otherCpuPercent: ((busy - cpu - loadCpu.reduce((a, b) => a + b, 0)) / windowSeconds) * 100,
      cpuMsPer1k: delivered ? (cpu * 1000) / (delivered / 1000) : null,
      peakRssMb: Math.max(mem.peakRssKb, mem.hwmKb) / 1024,
      windowRssMb: mem.peakRssKb / 1024,
      disconnectsInWindow: workers.total('closesAfterSync') - closesBeforeWindow,
      closeReasons: workers.reports.reduce((acc, r) => {
        for (const [k, n] of Object.entries(r.closeReasons)) acc[k] = (acc[k] ?? 0) + n
        return acc
      }, {}),
      lateOrEarlyObservations: workers.reports.reduce((n, r) => n + r.outside, 0)
    }
  } finally {
    await workers?.close()
    await server.stop()
  }
}

/**
 * Waits after the window until every in-window edit has been observed everywhere, or ≥ 99 % were
 * and nothing new arrived for a second (servers that coalesce updates legitimately collapse a few
 * observations), or BENCH_DRAIN_MS ran out. Returns how long it waited.
 */
async function drain(workers, t1) {
  const deadline = t1 + config.drainMs
  let last = -1
  let lastChange = now()
  // Let the final progress messages (sent every 250 ms) catch up with the end of the window.
  await sleepUntil(t1 + 300)
  while (now() < deadline) {
    const observed = workers.total('observed')
    const expected = workers.total('expected')
    if (observed >= expected) break
    // A stalled load generator also goes silent; only a quiet second with fresh reports counts.
    const stale = workers.lastAt.some((t) => now() - t > 400)
    if (observed !== last || stale) {
      last = observed
      lastChange = now()
    } else if (now() - lastChange >= 1000 && observed >= 0.99 * expected) break
    await new Promise((r) => setTimeout(r, 100))
  }
  return Math.min(now(), deadline) - t1
}

// Linux keeps nice values per thread, so every existing thread (libuv pool, V8 helpers) is set.
function renice(pid, value) {
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      setPriority(Number(tid), value)
    } catch {
      // thread exited meanwhile
    }
  }
}

function withTimeout(promise, ms, what) {
  let timer
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s ${what}`)), ms)
    })
  ]).finally(() => clearTimeout(timer))
}

async function main() {
  mkdirSync(outDir, { recursive: true })
  const meta = {
    date: new Date().toISOString(),
    host: hostInfo(),
    seconds: config.seconds,
    warmupSeconds: config.warmupSeconds,
    drainMs: config.drainMs,
    workers: config.workers,
    rounds: config.rounds,
    nice: config.nice,
    scenarios: Object.fromEntries(config.scenarios.map((s) => [s, SCENARIOS[s]]))
  }
  const results = []
  for (const scenarioId of config.scenarios) {
    // Rounds are interleaved across servers so slow drifts in background load hit each one alike.
    for (let round = 1; round <= config.rounds; round++) {
      for (const serverName of config.servers) {
        const tag = `[${scenarioId}/${serverName}${config.rounds > 1 ? ` #${round}` : ''}]`
        const why = SERVERS[serverName].unavailable()
        if (why) {
          if (round === 1) console.log(`${tag} SKIPPED: ${why}`)
          results.push({ status: 'skipped', scenario: scenarioId, server: serverName, round, reason: why })
          continue
        }
        console.log(`${tag} ${SCENARIOS[scenarioId].describe} for ${config.seconds} s …`)
        const started = Date.now()
        try {
          const r = { ...(await runCell(scenarioId, serverName)), round }
          results.push(r)
          console.log(`${tag} ${r.delivered} deliveries, p50 ${r.latency.p50?.toFixed(2)} ms, p99 ${r.latency.p99?.toFixed(2)} ms, CPU ${r.cpuSeconds.toFixed(2)} s, ${r.sent} edits (${r.skippedEdits} skipped), load CPU ${r.loadCpuPercent.map((c) => `${c.toFixed(0)}%`).join('/')}, load loop-delay max ${r.loadLoopDelayMs.map((d) => d.max.toFixed(0)).join('/')} ms, background CPU ${r.otherCpuPercent.toFixed(0)}%, drain ${(r.drainMs / 1000).toFixed(1)} s, provision ${r.provisionSeconds.toFixed(1)} s, connect+sync ${r.connectSyncSeconds.toFixed(1)} s (per client p50 ${r.timeToSyncMs.p50.toFixed(0)} / p99 ${r.timeToSyncMs.p99.toFixed(0)} ms) (${((Date.now() - started) / 1000).toFixed(0)} s wall)`)
          if (r.disconnectsInWindow) console.log(`${tag} WARNING: ${r.disconnectsInWindow} disconnects during the window: ${JSON.stringify(r.closeReasons)}`)
        } catch (err) {
          console.log(`${tag} FAILED: ${err.message}`)
          results.push({ status: 'failed', scenario: scenarioId, server: serverName, round, reason: err.message })
        }
      }
    }
  }
  const summary = aggregate(results)
  console.log(`\n${render(summary, meta)}`)
  writeFileSync(join(outDir, 'results.json'), JSON.stringify({ ...meta, summary, ratios: ratios(summary), runs: results }, null, 2))
  console.log(`\nRaw results: ${join(outDir, 'results.json')}`)
  if (results.some((r) => r.status === 'failed')) process.exitCode = 1
}

main().catch((err) => {
  console.error(err)
  killAll()
  process.exit(1)
})

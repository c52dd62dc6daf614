// Sync benchmark: Common Ground's server ("ours") against stock Yjs servers under the same load.
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
// - In the window each client edits at a fixed rate with a random phase: in scenarios a and b it
//   alternates a move (x, y) and a relabel, 20 % of edits on another client's concept; in c each
//   relabels its own concept; in w it moves, relabels and links in turn (load-worker.mjs, MIXES). A
//   stalled generator skips missed ticks (counted as skipped) rather than bursting. Each edit also
//   stamps the concept's `origin` (a field of the board schema) with "<sender>-<wall-clock ms>", and
//   every other client of the board records now − stamp when it observes the change. Load processes
//   share the machine clock (performance.timeOrigin + now()).
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
// Scenarios:
//   a, b, c: the cost per delivered message, side by side (see SCENARIOS);
//   w: workshops per core: boards of 10 participants each editing every 2 s (moves, relabels, links),
//      raised (BENCH_WORKSHOP_BOARDS, then one step between the last pass and the first failure)
//      until p99 edit-to-receipt passes 100 ms or delivery drops below 100 % (capacity.mjs), the
//      servers' searches interleaved step by step;
//   m: resident memory per loaded board, idle (one connected client) and with 10 connected
//      participants (memory.mjs).
// Servers: ours, reference (@y/websocket-server, memory), hocuspocus (memory), hocuspocus-sqlite
//   (Hocuspocus storing to an SQLite file through @hocuspocus/extension-sqlite: the durable peer),
//   ours-pg and ours-2x (scale-out; a, b, c only).
// Env: BENCH_SECONDS (20), BENCH_SCENARIOS (a,b,c,w,m), BENCH_SERVERS (ours,reference,hocuspocus,
//      hocuspocus-sqlite,ours-pg,ours-2x), BENCH_WORKERS (3), BENCH_PIN (unset; 1: the server on the
//      last core alone, load generators on the others: cell.mjs pinCores), BENCH_WARMUP_SECONDS (10),
//      BENCH_DRAIN_MS (5000), BENCH_ROUNDS (1: with more, each metric in the table is the median
//      over rounds), BENCH_NICE (unset: a nice value for server and load processes; negative, as
//      root, shields them from other work on a shared machine), BENCH_OURS_MAIN (dist/server/main.js),
//      BENCH_WORKSHOP_BOARDS (5,10,20,40,80,160,320), BENCH_WORKSHOP_SECONDS (15),
//      BENCH_WORKSHOP_MIN_DELIVERY (0.9995: "100 %" to one decimal), BENCH_WORKSHOP_RETRIES (1),
//      BENCH_MEMORY_BOARDS (100).
//      Raw results and server logs go to .bench/.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { killAll } from './children.mjs'
import { SERVERS } from './servers.mjs'
import { hostInfo } from './stats.mjs'
import { aggregate, ratios, render } from './report.mjs'
import { outDir, runCell } from './cell.mjs'
import { renderCapacity, WORKSHOP, workshopCapacities } from './capacity.mjs'
import { memoryPerBoard, renderMemory } from './memory.mjs'

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
  pin: env.BENCH_PIN === '1',
  scenarios: list(env.BENCH_SCENARIOS, 'a,b,c,w,m'),
  servers: list(env.BENCH_SERVERS, 'ours,reference,hocuspocus,hocuspocus-sqlite,ours-pg,ours-2x'),
  workshop: {
    boards: list(env.BENCH_WORKSHOP_BOARDS, '5,10,20,40,80,160,320').map(Number),
    seconds: Number(env.BENCH_WORKSHOP_SECONDS ?? 15),
    minDelivery: Number(env.BENCH_WORKSHOP_MIN_DELIVERY ?? 0.9995),
    retries: Number(env.BENCH_WORKSHOP_RETRIES ?? 1)
  },
  memoryBoards: Number(env.BENCH_MEMORY_BOARDS ?? 100)
}

const SCENARIOS = {
  a: { id: 'a', boards: 1, clientsPerBoard: 50, rate: 2, mix: 'move-relabel', describe: 'one workshop board, 50 clients × 2 edits/s' },
  b: { id: 'b', boards: 300, clientsPerBoard: 3, rate: 0.5, mix: 'move-relabel', describe: '300 boards × 3 clients × 0.5 edits/s' },
  c: { id: 'c', boards: 1, clientsPerBoard: 30, rate: 2, mix: 'own-relabel', describe: 'one board, 30 clients each relabelling its own concept every 500 ms' },
  w: { id: 'w', describe: `workshops per core: boards of ${WORKSHOP.clientsPerBoard} × ${WORKSHOP.rate} edits/s (moves, relabels, links) until p99 > ${WORKSHOP.p99LimitMs} ms or delivery < 100 %` },
  m: { id: 'm', describe: 'resident memory per loaded board: idle (1 client) and with 10 connected participants' }
}
// The scale-out cells measure the relay across instances; capacity and memory compare single servers.
const SINGLE_SERVERS = new Set(['ours', 'reference', 'hocuspocus', 'hocuspocus-sqlite'])

for (const s of config.scenarios) if (!SCENARIOS[s]) throw new Error(`unknown scenario ${s} (have ${Object.keys(SCENARIOS)})`)
for (const s of config.servers) if (!SERVERS[s]) throw new Error(`unknown server ${s} (have ${Object.keys(SERVERS)})`)

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping all benchmark processes`)
    killAll()
    process.exit(130)
  })
}

function logCell(tag, r, started) {
  console.log(`${tag} ${r.delivered} deliveries, p50 ${r.latency.p50?.toFixed(2)} ms, p99 ${r.latency.p99?.toFixed(2)} ms, CPU ${r.cpuSeconds.toFixed(2)} s, ${r.sent} edits (${r.skippedEdits} skipped), load CPU ${r.loadCpuPercent.map((c) => `${c.toFixed(0)}%`).join('/')}, load loop-delay max ${r.loadLoopDelayMs.map((d) => d.max.toFixed(0)).join('/')} ms, background CPU ${r.otherCpuPercent.toFixed(0)}%, drain ${(r.drainMs / 1000).toFixed(1)} s, provision ${r.provisionSeconds.toFixed(1)} s, connect+sync ${r.connectSyncSeconds.toFixed(1)} s (per client p50 ${r.timeToSyncMs.p50.toFixed(0)} / p99 ${r.timeToSyncMs.p99.toFixed(0)} ms) (${((Date.now() - started) / 1000).toFixed(0)} s wall)`)
  if (r.disconnectsInWindow) console.log(`${tag} WARNING: ${r.disconnectsInWindow} disconnects during the window: ${JSON.stringify(r.closeReasons)}`)
}

/** Scenarios a, b, c: every server, interleaved rounds. */
async function relayScenario(scenarioId, results) {
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
        const r = { ...(await runCell(SCENARIOS[scenarioId], serverName, config)), round }
        results.push(r)
        logCell(tag, r, started)
      } catch (err) {
        console.log(`${tag} FAILED: ${err.message}`)
        results.push({ status: 'failed', scenario: scenarioId, server: serverName, round, reason: err.message })
      }
    }
  }
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
    pin: config.pin,
    workshop: config.workshop,
    memoryBoards: config.memoryBoards,
    scenarios: Object.fromEntries(config.scenarios.filter((s) => s !== 'w' && s !== 'm').map((s) => [s, SCENARIOS[s]]))
  }
  const results = []
  const capacities = []
  const memories = []
  let failed = false
  for (const scenarioId of config.scenarios) {
    if (scenarioId === 'w' || scenarioId === 'm') {
      const available = config.servers.filter((s) => SINGLE_SERVERS.has(s)).filter((serverName) => {
        const why = SERVERS[serverName].unavailable()
        if (why) console.log(`[${scenarioId}/${serverName}] SKIPPED: ${why}`)
        return !why
      })
      if (scenarioId === 'w') {
        try {
          capacities.push(...(await workshopCapacities(available, config, (tag, r, started) => logCell(tag, r, started))))
        } catch (err) {
          failed = true
          console.log(`[w] FAILED: ${err.message}`)
        }
      } else {
        for (const serverName of available) {
          try {
            memories.push(await memoryPerBoard(serverName, config))
          } catch (err) {
            failed = true
            console.log(`[m/${serverName}] FAILED: ${err.message}`)
          }
        }
      }
    } else await relayScenario(scenarioId, results)
  }
  const summary = aggregate(results)
  if (results.length) console.log(`\n${render(summary, meta)}`)
  if (capacities.length) console.log(`\n${renderCapacity(capacities, meta)}`)
  if (memories.length) console.log(`\n${renderMemory(memories, meta)}`)
  writeFileSync(join(outDir, 'results.json'), JSON.stringify({ ...meta, summary, ratios: ratios(summary), runs: results, capacities, memories }, null, 2))
  console.log(`\nRaw results: ${join(outDir, 'results.json')}`)
  if (failed || results.some((r) => r.status === 'failed')) process.exitCode = 1
}

main().catch((err) => {
  console.error(err)
  killAll()
  process.exit(1)
})

// One benchmark cell: a fresh server, its boards, load processes that connect, seed, warm up and
// edit for a measured window, and what the window cost and delivered (method: run.mjs's header).
import { execFileSync } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, setPriority } from 'node:os'
import { join } from 'node:path'
import { SERVERS, startServer, repoRoot } from './servers.mjs'
import { now, summarize, cpuSeconds, machineBusySeconds, startRssSampler } from './stats.mjs'
import { Workers } from './workers.mjs'

export const outDir = join(repoRoot, '.bench')
export const TIMEOUTS = { provision: 120_000, workerReady: 10_000, sync: 60_000, seed: 30_000, report: 20_000 }
export const sleepUntil = (t) => new Promise((r) => setTimeout(r, Math.max(0, t - now())))

export async function runCell(sc, serverName, config) {
  const scenarioId = sc.id
  const clientCount = sc.boards * sc.clientsPerBoard
  const logPath = join(outDir, `server-${sc.tag ?? scenarioId}-${serverName}.log`)
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
    if (config.pin) pinCores(server.pids, workers.procs.map((p) => p.pid))
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
    workers.broadcast({ type: 'start', tw, t0, t1, rate: sc.rate, mix: sc.mix })
    await sleepUntil(t0)
    // Several instances count as one server: their CPU is summed, and so are their peak RSS.
    const serverCpu = () => server.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0)
    const cpu0 = serverCpu()
    const loadCpu0 = workers.procs.map((p) => cpuSeconds(p.pid))
    const busy0 = machineBusySeconds()
    const samplers = server.pids.map((pid) => startRssSampler(pid))
    await sleepUntil(t1)
    const drainMs = await drain(workers, t1, config.drainMs)
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
      mix: sc.mix,
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
async function drain(workers, t1, drainMs) {
  const deadline = t1 + drainMs
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
// With autogroup scheduling (kernel.sched_autogroup_enabled, the default on desktops and on this
// shared machine) a thread's nice only weighs against threads of its own session: other sessions'
// work competes as whole groups, so the group's nice (/proc/PID/autogroup) is set too. The bench's
// processes share one session (spawned by run.mjs), so this shields all of them alike.
export function renice(pid, value) {
  try {
    writeFileSync(`/proc/${pid}/autogroup`, String(value))
  } catch {
    // no autogroup scheduling, or not allowed: the threads' nice still applies within the session
  }
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      setPriority(Number(tid), value)
    } catch {
      // thread exited meanwhile
    }
  }
}

/**
 * BENCH_PIN: the server gets the last core to itself and the load generators the others, so "per
 * core" means one core, and a server is not measured against its own load's bursts on a small
 * machine (on 2 cores the three load processes otherwise take turns on the server's core).
 */
export function pinCores(serverPids, loadPids) {
  const last = availableParallelism() - 1
  if (last < 1) return
  const pin = (pid, cpus) => execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' })
  for (const pid of serverPids) pin(pid, String(last))
  for (const pid of loadPids) pin(pid, last === 1 ? '0' : `0-${last - 1}`)
}

export function withTimeout(promise, ms, what) {
  let timer
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s ${what}`)), ms)
    })
  ]).finally(() => clearTimeout(timer))
}


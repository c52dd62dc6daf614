// Memory per board (scenario m): a fresh server's resident memory, then with BENCH_MEMORY_BOARDS
// boards loaded and idle (one connected client each, which created 21 concepts and 20 links), then
// with 10 connected participants on each (all quiet). Per board = (RSS − RSS of the fresh server) ÷
// boards. RSS is VmRSS after 3 s of quiet, so it holds what each server keeps, not a peak.
import { join } from 'node:path'
import { SERVERS, startServer } from './servers.mjs'
import { memoryKb } from './stats.mjs'
import { TIMEOUTS, outDir, withTimeout } from './cell.mjs'
import { Workers } from './workers.mjs'

const CLIENTS = 10
const EXTRA_CONCEPTS = 20
const QUIET_MS = 3000
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

export async function memoryPerBoard(serverName, config) {
  const boardsWanted = config.memoryBoards
  console.log(`[m/${serverName}] ${boardsWanted} boards: idle, then ${CLIENTS} participants each …`)
  const server = await startServer(serverName, join(outDir, `server-m-${serverName}.log`))
  let workers
  try {
    await sleep(QUIET_MS)
    const rss = () => memoryKb(server.pid).rssKb
    const fresh = rss()
    const boards = await withTimeout(SERVERS[serverName].provision(server, boardsWanted, CLIENTS), TIMEOUTS.provision, 'provisioning boards')
    const count = Math.min(config.workers, boardsWanted)
    const first = Array.from({ length: count }, () => [])
    const rest = Array.from({ length: count }, () => [])
    let num = 0
    boards.forEach((targets, b) => {
      targets.forEach((target, i) => {
        const desc = { num, seed: 0x9e3779b1 ^ (num * 2654435761), boardSize: 1, target }
        // A board's clients stay in one load process: it is memory, not latency, that is measured.
        ;(i === 0 ? first : rest)[b % count].push(desc)
        num++
      })
    })
    workers = new Workers(count)
    await workers.waitFor('load workers to start', () => workers.last.filter(Boolean).length === count, TIMEOUTS.workerReady)
    first.forEach((clients, i) => workers.send(i, { type: 'setup', clients, batch: 10, batchPauseMs: 20 }))
    await workers.waitFor('one client per board to sync', () => workers.total('synced') === boardsWanted, TIMEOUTS.sync)
    workers.broadcast({ type: 'seed', extra: EXTRA_CONCEPTS })
    await workers.waitFor('the boards to get their concepts', () => workers.total('seeded') === boardsWanted, TIMEOUTS.seed)
    await sleep(QUIET_MS)
    const idle = rss()
    rest.forEach((clients, i) => workers.send(i, { type: 'setup', clients, batch: 10, batchPauseMs: 20 }))
    await workers.waitFor('every participant to sync', () => workers.total('synced') === boardsWanted * CLIENTS, TIMEOUTS.sync)
    await sleep(QUIET_MS)
    const connected = rss()
    const mb = (kb) => kb / 1024
    return {
      server: serverName,
      boards: boardsWanted,
      freshMb: mb(fresh),
      idleMb: mb(idle),
      connectedMb: mb(connected),
      perBoardIdleKb: (idle - fresh) / boardsWanted,
      perBoardConnectedKb: (connected - fresh) / boardsWanted,
      perParticipantKb: (connected - idle) / (boardsWanted * (CLIENTS - 1))
    }
  } finally {
    await workers?.close()
    await server.stop()
  }
}

const fmt = (v, digits = 0) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits))

export function renderMemory(memories, meta) {
  const rows = memories.map((m) => `| ${m.server} | ${fmt(m.freshMb)} | ${fmt(m.idleMb)} | ${fmt(m.connectedMb)} | ${fmt(m.perBoardIdleKb)} | ${fmt(m.perBoardConnectedKb)} | ${fmt(m.perParticipantKb, 1)} |`)
  const ours = memories.find((m) => m.server === 'ours')
  const ratios = ours
    ? memories
        .filter((m) => m !== ours)
        .map((m) => `| ours ÷ ${m.server} | ${fmt(ours.perBoardIdleKb / m.perBoardIdleKb, 2)}× | ${fmt(ours.perBoardConnectedKb / m.perBoardConnectedKb, 2)}× |`)
    : []
  return [
    `Memory per board (m): ${meta.date}, ${meta.host.nproc} × ${meta.host.cpuModel}, Node ${meta.host.node}; ${meta.memoryBoards} boards of ${EXTRA_CONCEPTS + 1} concepts and ${EXTRA_CONCEPTS} links; RSS after ${QUIET_MS / 1000} s quiet.`,
    '',
    '| Server | Fresh RSS MB | Boards idle MB | 10 participants each MB | Per board idle KB | Per board, 10 participants KB | Per extra participant KB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    ...(ratios.length ? ['', '| Per board | Idle | 10 participants |', '| --- | ---: | ---: |', ...ratios] : [])
  ].join('\n')
}

// Workshops per core (scenario w): boards of 10 participants, each editing once every 2 s (moves,
// relabels, links in turn), raised step by step until p99 edit-to-receipt passes 100 ms or delivery
// drops below 100 %; then one step between the last board count that passed and the first that
// failed. A failing step is run again once (BENCH_WORKSHOP_RETRIES) before it counts. The capacity
// is the largest board count that passed. The servers' searches run interleaved, step by step.
import { runCell } from './cell.mjs'

export const WORKSHOP = { clientsPerBoard: 10, rate: 0.5, mix: 'workshop', p99LimitMs: 100 }

const fmt = (v, digits = 1) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits))

function verdict(r, minDelivery) {
  if (r.status !== 'ok') return `failed: ${r.reason}`
  const slow = r.latency.p99 === null || r.latency.p99 > WORKSHOP.p99LimitMs
  const lost = !(r.deliveryRatio >= minDelivery)
  if (slow && lost) return `p99 ${fmt(r.latency.p99)} ms, delivery ${fmt(r.deliveryRatio * 100, 2)} %`
  if (slow) return `p99 ${fmt(r.latency.p99)} ms`
  if (lost) return `delivery ${fmt(r.deliveryRatio * 100, 2)} %`
  return null
}

function step(r) {
  if (!r) return null
  return {
    boards: r.boards,
    participants: r.clients ?? r.boards * WORKSHOP.clientsPerBoard,
    pass: r.pass,
    why: r.why,
    p50: r.latency?.p50 ?? null,
    p99: r.latency?.p99 ?? null,
    delivery: r.deliveryRatio ?? null,
    editsPerSec: r.editsPerSec ?? null,
    serverCpuPercent: r.cpuPercent ?? null,
    loadCpuPercent: r.loadCpuPercent ?? null,
    otherCpuPercent: r.otherCpuPercent ?? null,
    peakRssMb: r.peakRssMb ?? null
  }
}

/**
 * One server's search as a generator: yields the board count to run next, is sent that step's
 * result (with `pass`), and returns the capacity.
 */
function* search(serverName, config) {
  const steps = []
  // A failure is run again once before it counts: one stall of a shared machine is not a capacity.
  function* confirmed(boards) {
    let r = yield boards
    steps.push(r)
    if (!r.pass && config.workshop.retries >= 1) {
      r = yield boards
      steps.push(r)
    }
    return r
  }
  let pass = null
  let fail = null
  for (const boards of config.workshop.boards) {
    const r = yield* confirmed(boards)
    if (r.pass) pass = r
    else {
      fail = r
      break
    }
  }
  if (pass && fail) {
    const mid = Math.round((pass.boards + fail.boards) / 2)
    if (mid > pass.boards && mid < fail.boards) {
      const r = yield* confirmed(mid)
      if (r.pass) pass = r
      else fail = r
    }
  }
  return {
    server: serverName,
    capacity: pass?.boards ?? 0,
    // No step failed: the capacity is at least the largest count tried.
    lowerBound: fail === null,
    atCapacity: step(pass),
    firstFailure: step(fail),
    steps: steps.map(step)
  }
}

/**
 * The capacity search for each of `serverNames`, interleaved: each round runs every unfinished
 * server's next step one after another, so that a shared machine's background load, which moves
 * over minutes and decides p99 on a 2-core machine more than the servers do, weighs on each alike
 * (run one after another, each server's whole search met another load). `log(tag, result,
 * started)` prints each cell.
 */
export async function workshopCapacities(serverNames, config, log) {
  const cellConfig = { ...config, seconds: config.workshop.seconds }
  const run = async (serverName, boards) => {
    const tag = `[w/${serverName} ${boards} boards]`
    console.log(`${tag} ${boards * WORKSHOP.clientsPerBoard} participants × ${WORKSHOP.rate} edits/s for ${cellConfig.seconds} s …`)
    const started = Date.now()
    let r
    try {
      r = await runCell({ id: 'w', tag: `w${boards}`, boards, ...WORKSHOP }, serverName, cellConfig)
      log(tag, r, started)
    } catch (err) {
      console.log(`${tag} FAILED: ${err.message}`)
      r = { status: 'failed', server: serverName, boards, reason: err.message }
    }
    r.why = verdict(r, config.workshop.minDelivery)
    r.pass = r.why === null
    console.log(`${tag} ${r.pass ? 'passes' : `fails (${r.why})`}`)
    return r
  }
  const searches = serverNames.map((name) => ({ name, it: search(name, config), next: null, done: null }))
  for (const s of searches) s.next = s.it.next()
  for (;;) {
    const active = searches.filter((s) => !s.next.done)
    if (active.length === 0) break
    for (const s of active) s.next = s.it.next(await run(s.name, s.next.value))
  }
  return searches.map((s) => s.next.value)
}

const COLUMNS = [
  ['Server', (c) => c.server],
  ['Boards', (c) => `${c.lowerBound ? '≥ ' : ''}${c.capacity}`],
  ['Participants', (c) => String(c.atCapacity?.participants ?? 0)],
  ['p50 ms', (c) => fmt(c.atCapacity?.p50, 2)],
  ['p99 ms', (c) => fmt(c.atCapacity?.p99, 2)],
  ['Delivery', (c) => (c.atCapacity?.delivery == null ? '–' : `${fmt(c.atCapacity.delivery * 100, 2)}%`)],
  ['Server CPU', (c) => `${fmt(c.atCapacity?.serverCpuPercent, 0)}%`],
  ['Boards per server core', (c) => (c.atCapacity?.serverCpuPercent ? fmt(c.capacity / (c.atCapacity.serverCpuPercent / 100), 0) : '–')],
  ['Load CPU', (c) => (c.atCapacity?.loadCpuPercent ? c.atCapacity.loadCpuPercent.map((x) => `${fmt(x, 0)}%`).join('/') : '–')],
  ['First failure', (c) => (c.firstFailure ? `${c.firstFailure.boards}: ${c.firstFailure.why}` : '–')],
  ['Bg CPU', (c) => `${fmt(c.atCapacity?.otherCpuPercent, 0)}%`]
]

export function renderCapacity(capacities, meta) {
  const head = `| ${COLUMNS.map(([h]) => h).join(' | ')} |`
  const sep = `|${COLUMNS.map((_, i) => (i === 0 || i === COLUMNS.length - 2 ? ' --- ' : ' ---: ')).join('|')}|`
  const rows = capacities.map((c) => `| ${COLUMNS.map(([, get]) => get(c)).join(' | ')} |`)
  const by = new Map(capacities.map((c) => [c.server, c]))
  const ours = by.get('ours')
  const ratioRows = []
  for (const [peer, goal] of [['reference', 0.85], ['hocuspocus-sqlite', 1.0], ['hocuspocus', null]]) {
    const other = by.get(peer)
    if (!ours || !other || !other.capacity) continue
    const r = ours.capacity / other.capacity
    ratioRows.push(`| ours ÷ ${peer} | ${fmt(r, 2)}× | ${goal === null ? '–' : `≥ ${goal.toFixed(2)}× ${r >= goal ? '(met)' : '(not met)'}`} |`)
  }
  return [
    `Workshops per core (w): ${meta.date}, ${meta.host.nproc} × ${meta.host.cpuModel}, Node ${meta.host.node}; boards of ${WORKSHOP.clientsPerBoard} × ${WORKSHOP.rate} edits/s (move, relabel, link), ${meta.warmupSeconds} s warm-up + ${meta.workshop.seconds} s per step, steps ${meta.workshop.boards.join(', ')} then one between; pass = p99 ≤ ${WORKSHOP.p99LimitMs} ms and delivery ≥ ${(meta.workshop.minDelivery * 100).toFixed(2)} %. ${meta.pin ? 'The server alone on the last core, load generators on the others (BENCH_PIN=1).' : "Server, load generators and other work share the machine's cores."}`,
    '',
    head,
    sep,
    ...rows,
    ...(ratioRows.length ? ['', '| Capacity | Ratio | Goal |', '| --- | ---: | --- |', ...ratioRows] : [])
  ].join('\n')
}

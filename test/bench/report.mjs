// Turns cell results into a console table, a Markdown table for docs/benchmarks.md and ours-vs-peer ratios.

const fmt = (v, digits = 1) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits))
const ratio = (a, b) => (a != null && b != null && b > 0 ? a / b : null)

const median = (values) => {
  const v = values.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b)
  if (!v.length) return null
  const mid = v.length >> 1
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2
}

const MEDIAN_KEYS = ['editsPerSec', 'deliveredPerSec', 'deliveryRatio', 'cpuSeconds', 'cpuPercent', 'cpuMsPer1k', 'peakRssMb', 'otherCpuPercent']

/** One row per (scenario, server): the run itself, or medians over its successful rounds. */
export function aggregate(results) {
  const groups = new Map()
  for (const r of results) {
    const key = `${r.scenario}/${r.server}`
    if (!groups.has(key)) groups.set(key, [])
    groups.get(key).push(r)
  }
  return [...groups.values()].map((runs) => {
    const ok = runs.filter((r) => r.status === 'ok')
    const first = runs[0]
    if (!ok.length) return { ...first, rounds: runs.length }
    if (ok.length === 1 && runs.length === 1) return { ...ok[0], rounds: 1 }
    const row = { ...ok[0], rounds: ok.length, failedRounds: runs.length - ok.length }
    for (const k of MEDIAN_KEYS) row[k] = median(ok.map((r) => r[k]))
    for (const nested of ['latency', 'timeToSyncMs']) {
      row[nested] = {}
      for (const k of Object.keys(ok[0][nested])) row[nested][k] = median(ok.map((r) => r[nested][k]))
    }
    return row
  })
}

const COLUMNS = [
  ['Scenario', (r) => r.scenario],
  ['Server', (r) => r.server],
  ['Clients', (r) => String(r.clients)],
  ['Edits/s', (r) => fmt(r.editsPerSec)],
  ['Delivered/s', (r) => fmt(r.deliveredPerSec, 0)],
  ['Delivery', (r) => (r.deliveryRatio == null ? '–' : `${fmt(r.deliveryRatio * 100)}%`)],
  ['p50 ms', (r) => fmt(r.latency?.p50, 2)],
  ['p99 ms', (r) => fmt(r.latency?.p99, 2)],
  ['Server CPU s', (r) => fmt(r.cpuSeconds, 2)],
  ['CPU ms/1k deliv.', (r) => fmt(r.cpuMsPer1k, 1)],
  ['Peak RSS MB', (r) => fmt(r.peakRssMb, 0)],
  ['Sync p99 s', (r) => fmt(r.timeToSyncMs?.p99 / 1000, 1)],
  ['Bg CPU', (r) => `${fmt(r.otherCpuPercent, 0)}%`]
]

export function ratios(results) {
  const out = []
  const byCell = new Map(results.filter((r) => r.status === 'ok').map((r) => [`${r.scenario}/${r.server}`, r]))
  // Ours against the stock servers; two instances against one (embedded, and on PostgreSQL).
  const pairs = [
    ['ours', 'reference'],
    ['ours', 'hocuspocus'],
    ['ours', 'hocuspocus-sqlite'],
    ['ours-2x', 'ours'],
    ['ours-2x', 'ours-pg']
  ]
  for (const scenario of new Set(results.map((r) => r.scenario))) {
    for (const [subject, peer] of pairs) {
      const ours = byCell.get(`${scenario}/${subject}`)
      const other = byCell.get(`${scenario}/${peer}`)
      if (!ours || !other) continue
      out.push({
        scenario,
        subject,
        peer,
        p99Ratio: ratio(ours.latency.p99, other.latency.p99),
        p50Ratio: ratio(ours.latency.p50, other.latency.p50),
        cpuPer1kRatio: ratio(ours.cpuMsPer1k, other.cpuMsPer1k),
        peakRssRatio: ratio(ours.peakRssMb, other.peakRssMb)
      })
    }
  }
  return out
}

const RATIO_COLUMNS = [
  ['Scenario', (r) => r.scenario],
  ['Ratio', (r) => `${r.subject} ÷ ${r.peer}`],
  ['p50', (r) => `${fmt(r.p50Ratio, 2)}×`],
  ['p99', (r) => `${fmt(r.p99Ratio, 2)}×`],
  ['CPU per delivered', (r) => `${fmt(r.cpuPer1kRatio, 2)}×`],
  ['Peak RSS', (r) => `${fmt(r.peakRssRatio, 2)}×`]
]

function textTable(columns, rows) {
  const cells = rows.map((r) => columns.map(([, get]) => get(r)))
  const widths = columns.map(([h], i) => Math.max(h.length, ...cells.map((row) => row[i].length)))
  const line = (vals) => vals.map((v, i) => (i < 2 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ')
  return [line(columns.map(([h]) => h)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n')
}

function markdownTable(columns, rows) {
  const head = `| ${columns.map(([h]) => h).join(' | ')} |`
  const sep = `|${columns.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`
  return [head, sep, ...rows.map((r) => `| ${columns.map(([, get]) => get(r)).join(' | ')} |`)].join('\n')
}

export function render(results, meta) {
  const ok = results.filter((r) => r.status === 'ok')
  const notOk = results.filter((r) => r.status !== 'ok')
  const rat = ratios(results)
  const parts = []
  parts.push(`${meta.date} · ${meta.host.nproc} × ${meta.host.cpuModel} · Node ${meta.host.node} · ${meta.warmupSeconds} s warm-up + ${meta.seconds} s window + drain ≤ ${meta.drainMs / 1000} s · ${meta.workers} load processes${meta.rounds > 1 ? ` · median of ${meta.rounds} rounds` : ''}`)
  for (const [id, s] of Object.entries(meta.scenarios)) parts.push(`  (${id}) ${s.describe}`)
  parts.push('', textTable(COLUMNS, ok))
  if (rat.length) parts.push('', textTable(RATIO_COLUMNS, rat))
  for (const r of notOk) parts.push(`  ${r.scenario}/${r.server}: ${r.status.toUpperCase()} – ${r.reason}`)
  parts.push('', 'Markdown:', '')
  parts.push(`_${meta.date}, ${meta.host.nproc} × ${meta.host.cpuModel}, Node ${meta.host.node}, ${meta.warmupSeconds} s warm-up + ${meta.seconds} s measured per run${meta.rounds > 1 ? `, median of ${meta.rounds} rounds` : ''}; latency is sender edit → each receiver's observation._`, '')
  parts.push(markdownTable(COLUMNS, ok))
  if (rat.length) parts.push('', markdownTable(RATIO_COLUMNS, rat))
  return parts.join('\n')
}

import { describe, expect, it } from 'vitest'
import { CSV_COLUMNS, buildReportCsv, csvField, parseCsv, profileFigures } from '../../../shared/report/report-csv'
import { buildStandaloneReport, sideLabel } from '../../../shared/report/report-html'
import { METRICS, NOT_ENOUGH_DATA, formatValue, percentileReading, shownMetrics } from '../../../shared/report/metric-catalogue'
import { circleLayout, horizontalExtent, networkSvg } from '../../../shared/report/network-svg'
import { escapeXml } from '../../../shared/exchange/escape-xml'
import { s } from '../metrics/board-script'
import { reportFixture, reportPictureFixture } from './fixture'

const PNG = 'data:image/png;base64,iVBORw0KGgo='

describe('report CSV', () => {
  it('writes one row per figure and moment, contributions, pulse and network rows, in the documented columns', () => {
    const data = reportFixture()
    const rows = parseCsv(buildReportCsv(data))
    expect(rows[0]).toEqual([...CSV_COLUMNS])
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length)
    const body = rows.slice(1).map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i] as string])) as Record<(typeof CSV_COLUMNS)[number], string>)
    const figures = profileFigures(data.profile)
    const metricRows = body.filter((r) => r.section === 'metric')
    // the profile at T and every timeline moment, each with every figure
    expect(metricRows).toHaveLength(figures.length * (1 + data.timeline.length))
    const at = (key: string, source: string, t = data.at) => metricRows.find((r) => r.key === key && r.source === source && r.at === String(t))?.value
    expect(at('uptake.customer', 'profile')).toBe(String(3 / 4))
    expect(at('structure.score', 'profile')).toBe(String(data.profile.structure.score))
    // null is an empty cell, never 0
    // at 1 s only b1 has acted: balance 1 − 1/1 = 0 (a real 0), reciprocity null
    expect(data.timeline[0]!.metrics.balance).toBe(0)
    expect(at('balance', 'sample', s(1))).toBe('0')
    expect(data.timeline[0]!.metrics.reciprocity).toBeNull()
    expect(at('reciprocity', 'sample', s(1))).toBe('')
    expect(body.find((r) => r.section === 'metric')!.time).toBe(new Date(data.at).toISOString())

    const u1 = body.filter((r) => r.section === 'contribution' && r.participant === 'u1')
    expect(Object.fromEntries(u1.map((r) => [r.key, r.value]))).toMatchObject({ content: '4', uptake: '3', move: '1' })
    // a name that a spreadsheet would run as a formula is defused; commas and quotes survive
    expect(u1[0]!.name).toBe("'=Carl")
    expect(body.find((r) => r.participant === 'b2')!.name).toBe('Bo, "the boss"')
    expect(body.filter((r) => r.section === 'group-contribution' && r.key === 'content').map((r) => [r.group, r.value])).toEqual([
      ['B', '4'],
      ['U', '4']
    ])
    const pulse = body.filter((r) => r.section === 'pulse' && r.group === 'U' && r.key.startsWith('represents.'))
    expect(pulse.map((r) => [r.key, r.value])).toEqual([
      ['represents.1', '1'],
      ['represents.2', '0'],
      ['represents.3', '0'],
      ['represents.4', '0'],
      ['represents.5', '0'],
      ['represents.refused', '0']
    ])
    expect(body.filter((r) => r.section === 'network').map((r) => [r.participant, r.target, r.key, r.value])).toEqual([
      ['b1', 'u1', 'uptake', '1'],
      ['b2', 'b1', 'same-side', '1'],
      ['u1', 'b1', 'uptake', '3']
    ])
    expect(body.filter((r) => r.section === 'baseline').map((r) => r.key)).toContain('bridging.percentile')
  })

  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField(null)).toBe('')
    expect(csvField(-0.5)).toBe('-0.5')
    expect(csvField('-1 idea', true)).toBe("'-1 idea")
    expect(parseCsv('a,"b,""c"""\r\n"x\ny",z\r\n')).toEqual([
      ['a', 'b,"c"'],
      ['x\ny', 'z']
    ])
  })
})

describe('standalone report HTML', () => {
  it('names each person’s side in one style, a facilitator by the role', () => {
    expect(sideLabel({ id: 'b', name: 'Bea', role: 'brand', group: 'B' })).toBe('Brand')
    expect(sideLabel({ id: 'c', name: 'Cy', role: 'customer', group: 'U' })).toBe('Customers')
    expect(sideLabel({ id: 'f', name: 'Fay', role: 'facilitator', group: null })).toBe('Facilitator')
  })

  it('shows the stream’s cards only when a stream was loaded, and says so in words when none was', () => {
    // As the server scores a board with no stream: no items (coverage null), but the brand side's
    // share is 0 of the concepts it made, not null; shown as a card it would read as a finding.
    const none = reportFixture()
    none.profile = { ...none.profile, stream: { harvest: 0, beyond: 1, coverage: null, harvestByGroup: { B: 0, U: 0 } } }
    const without = buildStandaloneReport(none, {}, reportPictureFixture())
    expect(without).not.toMatch(/data-metric="stream\./)
    expect(without).toContain('No customer stream was loaded into this board')
    expect(shownMetrics(none.profile).length).toBe(METRICS.length - 5)
    const loaded = reportFixture()
    loaded.profile = { ...loaded.profile, stream: { harvest: 0.25, beyond: 0.5, coverage: 0.1, harvestByGroup: { B: 0, U: 0.5 } } }
    const withStream = buildStandaloneReport(loaded, {}, reportPictureFixture())
    for (const key of ['stream.harvest', 'stream.beyond', 'stream.coverage', 'stream.harvestByGroup.B', 'stream.harvestByGroup.U']) {
      expect(withStream).toContain(`data-metric="${key}"`)
    }
    expect(shownMetrics(loaded.profile)).toBe(METRICS)
  })

  it('holds every metric with its reading, range and formula, escapes what people wrote, and refers to nothing outside', () => {
    const data = reportFixture()
    const charts: Record<string, string> = { 'metric:balance': PNG, people: PNG, groups: PNG, pulse: 'http://example.com/x.png' }
    const picture = reportPictureFixture()
    const html = buildStandaloneReport(data, charts, picture)
    for (const def of METRICS.filter((m) => !m.key.startsWith('stream.'))) {
      expect(html).toContain(escapeXml(def.label))
      expect(html).toContain(escapeXml(def.formula))
      expect(html).toContain(`data-metric="${def.key}"`)
    }
    expect(html).toContain('Delivery &lt;b&gt;&amp;&lt;/b&gt; trust')
    expect(html).not.toContain('<b>&</b>')
    // integrative cross-links: no cross-links → null → shown as such, never as 0
    expect(data.profile.structure.integrativeCrossLinks).toBeNull()
    expect(html).toMatch(/data-metric="structure.integrativeCrossLinks"><h3>[^<]*<\/h3>\s*<p class="value null">not enough data<\/p>/)
    // only PNG data URLs become images; nothing loads from elsewhere
    expect(html.match(/<img /g)).toHaveLength(3)
    expect(html).not.toContain('example.com')
    expect(html).not.toMatch(/<script|<link|src="(?!data:)|url\((?!#)/i)
    expect(html).toContain(`default-src 'none'`)
    expect(html).toContain('<svg')
    expect(html).toContain('as high as or higher than')
    // The map at T is in it, as a picture.
    expect(html).toContain('<h2>The map</h2>')
    expect(picture).toMatch(/^<svg[^>]*>[\s\S]*<\/svg>$/)
    expect(html).toContain(picture)
  })
})

describe('metric readings', () => {
  const reading = (key: string, v: number, data = reportFixture()) => METRICS.find((m) => m.key === key)!.reading(v, data.profile, data.contributions)
  const side = (group: 'B' | 'U', content: number, people: number) => ({ group, content, people, create: 0, relabel: 0, reconnect: 0, delete: 0, move: 0, restyle: 0, uptake: 0 })

  it('say which side contributed more (balance), and who contributed most (equity)', () => {
    const data = reportFixture()
    const lopsided = { ...data, contributions: { ...data.contributions, groups: [side('B', 3, 2), side('U', 9, 2)] } }
    expect(reading('balance', 0.5, lopsided)).toBe('The customer side did most of the work (brand 3 content events, customers 9 content events).')
    expect(reading('balance', 0.95, lopsided)).toBe('Both sides contributed about equally (brand 3 content events, customers 9 content events).')
    const top = [...data.contributions.people].filter((c) => c.person.group).sort((a, b) => b.content - a.content)[0]!
    const total = data.contributions.people.filter((c) => c.person.group).reduce((n, c) => n + c.content, 0)
    expect(reading('equity', 0.6, data)).toBe(
      `Some people contributed clearly more than others. ${top.person.name} (${top.person.group === 'B' ? 'brand' : 'customer'}) contributed most: ${top.content} of ${total} content events.`
    )
  })

  it('word common ground and bridging so that they do not read as contradicting each other', () => {
    expect(reading('commonGround', 0.25)).toMatch(/^25% of the map’s propositions \(\d+\) were touched by both sides: /)
    expect(reading('bridging', -1)).toBe('Almost every proposition joins ideas first written by the same side: two parallel maps that hardly touch.')
    expect(reading('bridging', 0.5)).toBe('Most propositions join ideas first written by different sides: an integrated map.')
  })

  it('never read a 0–1 value as points', () => {
    const data = reportFixture({ profile: { ...reportFixture().profile, commonGround: 0.9 } })
    expect(reading('convergence.delta', 0.7, data)).toBe('Common ground grew by 0.70 from 0.20 to 0.90 over the last third of the work.')
    expect(reading('convergence.delta', -0.25, data)).toBe('Common ground shrank by 0.25 from 1.15 to 0.90 over the last third of the work.')
    for (const def of METRICS) expect(def.reading(0.7, data.profile, data.contributions)).not.toMatch(/points/)
  })
})

describe('report CSV: dot votes', () => {
  it('writes the scored round’s dots per concept and side, defusing labels and ids a spreadsheet would run', () => {
    const votes = {
      round: { id: 'r1', name: 'Round 1', dots: 3, openedAt: s(20), closedAt: s(30) },
      concepts: [
        { id: 'c2', label: 'Trust, "earned"', B: 2, U: 1 },
        { id: '=c9', label: '=HYPERLINK()', B: 0, U: 2 }
      ]
    }
    const rows = parseCsv(buildReportCsv(reportFixture({ votes })))
    const body = rows.slice(1).map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i] as string])))
    const voteRows = body.filter((r) => r.section === 'votes')
    expect(voteRows.map((r) => [r.key, r.group, r.target, r.value, r.source, r.at])).toEqual([
      ['c2', 'B', 'Trust, "earned"', '2', 'r1', String(s(30))],
      ['c2', 'U', 'Trust, "earned"', '1', 'r1', String(s(30))],
      ["'=c9", 'B', "'=HYPERLINK()", '0', 'r1', String(s(30))],
      ["'=c9", 'U', "'=HYPERLINK()", '2', 'r1', String(s(30))]
    ])
    // priorities' figures are metric rows like every other; the round id is not a figure
    const metricKeys = body.filter((r) => r.section === 'metric' && r.source === 'profile').map((r) => r.key)
    expect(metricKeys).toEqual(expect.arrayContaining(['priorities.agreement', 'priorities.crossVote.B', 'priorities.crossVote.U', 'priorities.voters.B']))
    expect(metricKeys).not.toContain('priorities.round')
    expect(body.filter((r) => r.section === 'votes')).toHaveLength(4)
    expect(parseCsv(buildReportCsv(reportFixture())).filter((r) => r[0] === 'votes')).toHaveLength(0)
  })

  it('the standalone report lists the round’s dots, labels escaped', () => {
    const votes = { round: { id: 'r1', name: 'Round <1>', dots: 3, openedAt: 0, closedAt: 1 }, concepts: [{ id: 'c1', label: '<b>x</b>', B: 1, U: 2 }] }
    const page = buildStandaloneReport(reportFixture({ votes }), {}, reportPictureFixture())
    expect(page).toContain('Dot votes: Round &lt;1&gt;')
    expect(page).toContain('<tr><td>&lt;b&gt;x&lt;/b&gt;</td><td>1</td><td>2</td></tr>')
  })
})

describe('metric catalogue', () => {
  it('covers every figure of the profile that has a reading', () => {
    const keys = METRICS.map((m) => m.key)
    const figures = profileFigures(reportFixture().profile).map(([k]) => k)
    for (const k of keys) expect(figures.concat(['pulse.understood', 'pulse.learned', 'pulse.represents'])).toContain(k)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('prints null as not enough data and reads percentiles plainly', () => {
    const balance = METRICS.find((m) => m.key === 'balance')!
    expect(formatValue(balance, null)).toBe(NOT_ENOUGH_DATA)
    expect(formatValue(balance, 0)).toBe('0.00')
    expect(percentileReading({ observed: 0.5, percentile: 97.2, permutations: 1000 })).toBe(
      'as high as or higher than 97% of 1,000 random regroupings of the same people: unlikely to be chance'
    )
    expect(percentileReading({ observed: null, percentile: null, permutations: 0 })).toBe(NOT_ENOUGH_DATA)
  })
})

describe('uptake network picture', () => {
  it('puts brand on the left and customers on the right, one arrow per edge, labels escaped', () => {
    const placed = circleLayout(
      [
        { id: 'b1', label: 'B', group: 'B' },
        { id: 'u1', label: 'U', group: 'U' },
        { id: 'u2', label: 'U2', group: 'U' }
      ],
      400
    )
    expect(placed.find((n) => n.id === 'b1')!.x).toBeLessThan(200)
    for (const id of ['u1', 'u2']) expect(placed.find((n) => n.id === id)!.x).toBeGreaterThan(200)
    const svg = networkSvg(
      { nodes: ['b1', 'u1'], edges: [{ from: 'u1', to: 'b1', weight: 2, uptake: true }] },
      (id) => ({ id, label: id === 'u1' ? '<Carl>' : 'Bea', group: id === 'u1' ? 'U' : 'B' })
    )
    expect(svg.match(/class="edge uptake"/g)).toHaveLength(1)
    expect(svg).toContain('&lt;Carl&gt; built on Bea')
    expect(svg).not.toContain('<Carl>')
    // The nodes' letters are the sides' initials as a reader says them: B for brand, C for customer.
    expect([...svg.matchAll(/fill="#ffffff">([A-Z])<\/text>/g)].map((m) => m[1]).sort()).toEqual(['B', 'C'])
  })

  it('widens the picture so every name beside its node fits, and cuts very long names', () => {
    const names: Record<string, string> = { b1: 'Bernadette Okonkwo-Smythe (brand lead)', u1: 'Cy', b2: 'Al' }
    const nodeOf = (id: string) => ({ id, label: names[id]!, group: id.startsWith('b') ? ('B' as const) : ('U' as const) })
    const network = { nodes: ['b1', 'b2', 'u1'], edges: [{ from: 'u1', to: 'b1', weight: 1, uptake: true }] }
    const svg = networkSvg(network, nodeOf, 420)
    const [minX, , width] = /viewBox="(-?[\d.]+) ([\d.]+) ([\d.]+) [\d.]+"/.exec(svg)!.slice(1).map(Number) as [number, number, number]
    // The left names end 24 px left of their nodes (text-anchor end) and run leftwards: the box starts before them.
    const placed = circleLayout(network.nodes.map(nodeOf), 420)
    const b1 = placed.find((n) => n.id === 'b1')!
    expect(minX).toBeLessThan(0)
    expect(minX).toBeLessThanOrEqual(b1.x - 24 - 28 * 7)
    expect(width).toBeGreaterThan(420)
    expect(horizontalExtent(placed, 420)).toEqual({ minX, maxX: minX + width })
    // Cut to 28 characters with an ellipsis on the chart; whole in the edge's title.
    expect(svg).toContain('>Bernadette Okonkwo-Smythe (…</text>')
    expect(svg).toContain('Cy built on Bernadette Okonkwo-Smythe (brand lead)')
    // Short names on both sides need no more than the circle.
    const short = networkSvg({ nodes: ['b2', 'u1'], edges: [] }, nodeOf, 420)
    expect(short).toContain('viewBox="0 0 420 420"')
  })
})

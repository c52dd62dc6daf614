import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { METRICS, NOT_ENOUGH_DATA, formatValue, readingOf } from '../../shared/report/metric-catalogue'

// This board has no stream: its report leaves out the stream's five cards (metrics.md 11).
const SHOWN = METRICS.filter((m) => !m.key.startsWith('stream.'))
import { CSV_COLUMNS, parseCsv } from '../../shared/report/report-csv'
import type { ReportData } from '../../shared/report/report-data'
import { addConcept, addLink, mapOf, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { RESULTS_DIR } from '../support/browser'
import { axe, everyViolation, useHarness } from './harness'

/** Per chart on the report: its id and how many of its canvas pixels are painted. */
function paintedCharts(page: Page): Promise<Array<{ id: string; painted: number }>> {
  return page.evaluate(() => {
    const root = document.querySelector('cg-report')!.shadowRoot!
    return [...root.querySelectorAll('cg-chart')].map((chart) => {
      const canvas = chart.shadowRoot!.querySelector('canvas')!
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
      let painted = 0
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++
      return { id: chart.getAttribute('chart-id') ?? '', painted }
    })
  })
}

describe('facilitator report page', () => {
  const h = useHarness()
  const clients: StockClient[] = []
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cg-report-e2e-'))
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  /** A board with a brand and a customer participant connected (stock clients) and a facilitator's invite. */
  async function twoSides(title: string, focusQuestion?: string, names: [string, string] = ['Bea', 'Carl']) {
    const { id } = await h.server.createBoard(title, focusQuestion)
    const [b, c, f] = await Promise.all([h.server.invite(id, 'brand', names[0]), h.server.invite(id, 'customer', names[1]), h.server.invite(id, 'facilitator', 'Fay')])
    const brand = stockClient(h.server.wsUrl, id, b.token)
    const customer = stockClient(h.server.wsUrl, id, c.token)
    clients.push(brand, customer)
    await Promise.all([synced(brand), synced(customer)])
    return { id, b, f, brand, customer }
  }

  /** One concept from each side, seen by both. */
  async function oneEach(brand: StockClient, customer: StockClient, labels: [string, string]) {
    addConcept(brand.doc, 'a', labels[0])
    addConcept(customer.doc, 'b', labels[1], 300, 0)
    await waitFor(() => mapOf(brand.doc) === mapOf(customer.doc) && mapOf(brand.doc).includes(labels[1]), 10_000, 'edits to arrive')
  }

  it('shows every metric and chart, saves a standalone HTML file and a CSV', async () => {
    const { id, b, f, brand, customer } = await twoSides('Delivery <&> trust', 'What builds trust?')
    const edit = async (client: StockClient, change: (doc: Y.Doc) => void) => {
      change(client.doc)
      const want = mapOf(client.doc)
      await waitFor(() => mapOf(brand.doc) === want && mapOf(customer.doc) === want, 10_000, 'edit to arrive')
    }
    await edit(brand, (d) => addConcept(d, 'a', 'Delivery'))
    await edit(customer, (d) => addConcept(d, 'b', 'Trust', 300, 0))
    await edit(customer, (d) => addLink(d, 'l', 'a', 'b', 'builds'))
    await edit(brand, (d) => d.getMap<Y.Map<unknown>>('concepts').get('b')!.set('label', 'Customer trust'))
    const answered = await h.server.api(`/api/boards/${id}/pulse`, { method: 'POST', body: JSON.stringify({ understood: 4, represents: 5 }), token: b.token })
    expect(answered.status).toBe(201)

    const page = await (await h.newContext()).newPage()
    await page.goto(`${h.server.url}/report/${id}#token=${f.token}`)
    await expect.poll(() => page.locator('cg-report [data-metric]').count(), { timeout: 15_000 }).toBe(SHOWN.length)
    expect(page.url()).not.toContain('token=')
    const data = (await (await h.server.api(`/api/boards/${id}/report`)).json()) as ReportData

    // Every metric with its value (null as "not enough data"), reading, range and formula on demand.
    const cards = await page.evaluate(() =>
      [...document.querySelector('cg-report')!.shadowRoot!.querySelectorAll('[data-metric]')].map((card) => ({
        key: card.getAttribute('data-metric'),
        value: card.querySelector('.value')?.textContent,
        reading: card.querySelector('.reading')?.textContent,
        range: card.querySelector('.range')?.textContent,
        formula: card.querySelector('details p')?.textContent
      }))
    )
    expect(data.profile.stream.coverage).toBeNull()
    expect(cards).toEqual(
      SHOWN.map((def) => ({
        key: def.key,
        value: formatValue(def, def.value(data.profile)),
        reading: readingOf(def, data.profile, data.contributions),
        range: `Range: ${def.range}`,
        formula: def.formula
      }))
    )
    // no cross-links: integrative cross-links has no value; nobody answered "learned"
    expect(data.profile.structure.integrativeCrossLinks).toBeNull()
    expect(await page.locator('cg-report [data-metric="structure.integrativeCrossLinks"] .value').textContent()).toBe(NOT_ENOUGH_DATA)
    expect(await page.locator('cg-report [data-metric="pulse.learned"] .value').textContent()).toBe(NOT_ENOUGH_DATA)
    expect(await page.locator('cg-report [data-metric="reciprocity"] .value').textContent()).toBe('1.00')
    await page.locator('cg-report [data-metric="balance"] summary').click()
    await expect.poll(() => page.locator('cg-report [data-metric="balance"] details p').first().isVisible()).toBe(true)
    expect(await page.locator('cg-report ul.baseline li').count()).toBe(3)
    // Readings say who, and a fraction is never "points".
    expect(await page.locator('cg-report [data-metric="balance"] .reading').textContent()).toBe('Both sides contributed about equally (brand 2 content events, customers 2 content events).')
    expect(await page.locator('cg-report [data-metric="equity"] .reading').textContent()).toMatch(/^Everyone contributed about alike\. (Bea \(brand\)|Carl \(customer\)) contributed most: 2 of 4 content events\.$/)
    expect(await page.locator('cg-report [data-metric="commonGround"] .reading').textContent()).toMatch(/touched by both sides/)
    expect(await page.locator('cg-report').innerText()).not.toMatch(/\bpoints\b/)
    // A picture of the map at the report's moment.
    const pictured = () => page.locator('cg-report .map-picture svg text').allTextContents()
    await expect.poll(pictured).toEqual(expect.arrayContaining(['Delivery', 'Customer trust', 'builds']))
    expect(await page.getByRole('img', { name: /^The concept map at / }).isVisible()).toBe(true)

    // Every chart is drawn: one per metric over time, contributions per person and side, pulse.
    const expected = [...METRICS.filter((m) => m.overTime).map((m) => `metric:${m.key}`), 'people', 'groups', 'pulse']
    await expect.poll(async () => (await paintedCharts(page)).filter((c) => c.painted > 200).map((c) => c.id).sort(), { timeout: 10_000 }).toEqual(
      expected.sort()
    )
    // The uptake network: Bea and Carl built on each other.
    await expect.poll(() => page.locator('cg-report .network svg.uptake-network .edge.uptake').count()).toBe(2)
    expect(await page.locator('cg-report .network svg.uptake-network .node').count()).toBe(2)
    // Each name beside its node is inside the picture (the brand's, on the left, once ran off its edge).
    const names = await page.locator('cg-report .network svg.uptake-network').evaluate((svg) => {
      const box = svg.getBoundingClientRect()
      return [...svg.querySelectorAll('.node text:last-child')].map((t) => {
        const r = t.getBoundingClientRect()
        return { name: t.textContent, inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 }
      })
    })
    expect(names).toEqual(expect.arrayContaining([{ name: 'Bea', inside: true }, { name: 'Carl', inside: true }]))
    // Drawn at a readable size in the middle of the wide column, not 420 px at its left edge.
    const placed = await page.locator('cg-report .network').evaluate((el) => {
      const svg = el.querySelector('svg.uptake-network')!.getBoundingClientRect()
      const box = el.getBoundingClientRect()
      return { width: Math.round(svg.width), offCentre: Math.abs(svg.left + svg.width / 2 - (box.left + box.width / 2)) }
    })
    expect(placed.width).toBeGreaterThanOrEqual(560)
    expect(placed.offCentre).toBeLessThan(2)
    await page.locator('cg-report .network').screenshot({ path: `${RESULTS_DIR}/report-network-1280.png` })

    const results = await axe(page).analyze()
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(serious.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([])

    // Save report: one HTML file that opens offline, without a single request.
    const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save report' }).click()])
    expect(saved.suggestedFilename()).toMatch(/^report-delivery-trust-\d{4}-\d{2}-\d{2}\.html$/)
    const file = join(dir, 'report.html')
    await saved.saveAs(file)
    const offline = await (await h.newContext()).newPage()
    const requests: string[] = []
    offline.on('request', (r) => {
      if (!r.url().startsWith('data:')) requests.push(r.url())
    })
    await offline.context().setOffline(true)
    const url = pathToFileURL(file).href
    await offline.goto(url)
    expect(requests).toEqual([url])
    expect(await offline.locator('h1').textContent()).toBe('Delivery <&> trust')
    expect(await offline.locator('[data-metric]').count()).toBe(SHOWN.length)
    expect(await offline.locator('[data-metric="structure.integrativeCrossLinks"] .value').textContent()).toBe(NOT_ENOUGH_DATA)
    const images = await offline.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth))
    expect(images).toHaveLength(expected.length)
    for (const w of images) expect(w).toBeGreaterThan(0)
    expect(await offline.locator('svg.uptake-network .edge').count()).toBe(2)
    expect(await offline.locator('.map-picture svg text').allTextContents()).toEqual(expect.arrayContaining(['Delivery', 'Customer trust', 'builds']))
    expect(await offline.locator('.map-picture svg').isVisible()).toBe(true)
    // Opened on a phone (mailed to a participant), the saved report does not scroll sideways either.
    await offline.setViewportSize({ width: 390, height: 844 })
    await expect.poll(() => offline.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await offline.getByRole('region', { name: 'Contributions per person' }).scrollIntoViewIfNeeded()
    await offline.screenshot({ path: `${RESULTS_DIR}/report-saved-390.png` })

    // Download CSV: the documented columns, the profile's values.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()])
    expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/)
    const csvFile = join(dir, 'report.csv')
    await csvDownload.saveAs(csvFile)
    const rows = parseCsv(await readFile(csvFile, 'utf8'))
    expect(rows[0]).toEqual([...CSV_COLUMNS])
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length)
    const profileRow = (key: string) => rows.find((r) => r[0] === 'metric' && r[1] === key && r[4] === 'profile')?.[9]
    expect(profileRow('balance')).toBe(String(data.profile.balance))
    expect(profileRow('structure.integrativeCrossLinks')).toBe('')
    expect(rows.filter((r) => r[0] === 'metric' && r[4] === 'sample' && r[1] === 'balance').length).toBeGreaterThan(1)
    expect(rows.filter((r) => r[0] === 'contribution' && r[1] === 'content').map((r) => [r[6], r[9]]).sort()).toEqual([
      ['Bea', '2'],
      ['Carl', '2']
    ])
  }, 180_000)

  it('shows the figures before the map’s picture arrives, and a report saved before it still holds it', async () => {
    const { id, f, brand, customer } = await twoSides('Picture later')
    await oneEach(brand, customer, ['Harbour', 'Lighthouse'])

    const page = await (await h.newContext()).newPage()
    // The picture's request is held (then sent on to the server as it was) until the save was asked for.
    let release = () => {}
    const held = new Promise<void>((r) => (release = r))
    const asked: string[] = []
    await page.route('**/report/picture**', async (route) => {
      asked.push(route.request().url())
      await held
      await route.continue()
    })
    await page.goto(`${h.server.url}/report/${id}#token=${f.token}`)
    await expect.poll(() => page.locator('cg-report [data-metric]').count(), { timeout: 15_000 }).toBe(SHOWN.length)
    await expect.poll(() => asked.length).toBe(1)
    // At the report's moment, the one its heading names.
    expect(new URL(asked[0]!).searchParams.get('at')).toMatch(/^\d+$/)
    expect(await page.locator('cg-report .map-picture .picture-status').textContent()).toBe('Drawing the map…')
    expect(await page.locator('cg-report .map-picture svg').count()).toBe(0)

    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Save report' }).click()
    release()
    const saved = await download
    await expect.poll(() => page.locator('cg-report .map-picture svg text').allTextContents()).toEqual(expect.arrayContaining(['Harbour', 'Lighthouse']))
    const file = join(dir, 'picture-later.html')
    await saved.saveAs(file)
    const html = await readFile(file, 'utf8')
    expect(html).toContain('<figure class="map-picture">')
    const offline = await (await h.newContext()).newPage()
    await offline.context().setOffline(true)
    await offline.goto(pathToFileURL(file).href)
    expect(await offline.locator('.map-picture svg text').allTextContents()).toEqual(expect.arrayContaining(['Harbour', 'Lighthouse']))
    expect(await offline.locator('.map-picture svg').isVisible()).toBe(true)
  }, 120_000)

  it('switches to one session with the session picker', async () => {
    const { id } = await h.server.createBoard('Sessions')
    const [b, f] = await Promise.all([h.server.invite(id, 'brand', 'Bea'), h.server.invite(id, 'facilitator', 'Fay')])
    const brand = stockClient(h.server.wsUrl, id, b.token)
    clients.push(brand)
    await synced(brand)
    addConcept(brand.doc, 'a', 'Before')
    const start = await h.server.api(`/api/boards/${id}/sessions/start`, { method: 'POST', body: '{"name":"Workshop"}', token: f.token })
    expect(start.status).toBe(201)
    addConcept(brand.doc, 'b', 'During')
    const count = async () => {
      const r = (await (await h.server.api(`/api/boards/${id}/history`)).json()) as { events: unknown[] }
      return r.events.length
    }
    await expect.poll(count, { timeout: 10_000 }).toBe(2)

    const page = await (await h.newContext()).newPage()
    await page.goto(`${h.server.url}/report/${id}#token=${f.token}`)
    const beaContent = () => page.locator('cg-report table', { has: page.locator('caption', { hasText: 'Contributions per person' }) }).locator('tbody tr td').nth(2).textContent()
    await expect.poll(() => page.locator('cg-report p.scope').textContent(), { timeout: 15_000 }).toMatch(/^The whole board/)
    // the whole board: both of Bea's concepts
    expect(await beaContent()).toBe('2')
    await page.locator('cg-report select.session').selectOption({ label: 'Workshop (running)' })
    await expect.poll(() => page.locator('cg-report p.scope').textContent(), { timeout: 15_000 }).toMatch(/^Workshop,/)
    // only the session's event counts: Bea's one concept
    await expect.poll(() => beaContent()).toBe('1')
  }, 120_000)
  it('on a 390 px phone: the wide tables scroll in named, focusable regions and the page does not scroll sideways', async () => {
    const { id, b, f, brand, customer } = await twoSides('Phone report', 'What makes customers stay loyal?', ['Bea Brandsworth', 'Cy on a phone'])
    await oneEach(brand, customer, ['Fair prices', 'Quick refunds'])
    expect((await h.server.api(`/api/boards/${id}/pulse`, { method: 'POST', body: JSON.stringify({ understood: 4, represents: 5 }), token: b.token })).ok).toBe(true)

    const ctx = await h.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
    const page = await ctx.newPage()
    await page.goto(`${h.server.url}/report/${id}#token=${f.token}`)
    await expect.poll(() => page.locator('cg-report [data-metric]').count(), { timeout: 15_000 }).toBe(SHOWN.length)
    // It was 487 px wide: the contributions and pulse tables set the page's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    const pulse = page.getByRole('region', { name: 'Pulse answers per side (count of each answer)' })
    await page.getByRole('region', { name: 'Contributions per person' }).waitFor()
    // The pulse table is wider than the screen: it scrolls in its region, from the keyboard too.
    expect(await pulse.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
    // A shadow at the edge with more table beyond it says so (drawn by the region's background).
    expect(await pulse.evaluate((el) => getComputedStyle(el).backgroundImage.match(/radial-gradient/g)?.length)).toBe(2)
    await pulse.screenshot({ path: `${RESULTS_DIR}/report-pulse-390.png` })
    // Focus and key inside the poll: the report redraws its tables when the map's picture arrives, and
    // a key pressed into the region it replaced scrolled nothing (fresh-clone CI, once).
    await expect.poll(async () => {
      await pulse.focus()
      await page.keyboard.press('ArrowRight')
      return pulse.evaluate((el) => el.scrollLeft)
    }).toBeGreaterThan(0)
    // None of any impact (a metric card was a <section> with the listitem role, which axe calls minor).
    expect(await everyViolation(page)).toEqual([])
  }, 120_000)

  it('is linked from the console’s history panel, with the facilitator’s token in the fragment', async () => {
    const { id } = await h.server.createBoard('Linked')
    const facilitator = await h.server.invite(id, 'facilitator', 'Fay')
    const page = await (await h.newContext()).newPage()
    await page.goto(`${h.server.url}/`)
    await page.getByLabel('Admin token or facilitator invite').fill(facilitator.url)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Linked' }).waitFor({ timeout: 15_000 })
    const link = page.locator('cg-history-panel').getByRole('link', { name: /Report/ })
    const href = await link.getAttribute('href')
    expect(href).toBe(`/report/${id}#token=${encodeURIComponent(facilitator.token)}`)
    await page.goto(`${h.server.url}${href}`)
    await expect.poll(() => page.locator('cg-report h1').textContent(), { timeout: 15_000 }).toBe('Linked')
    // an empty board: no metric has data yet, and none shows as 0
    expect(await page.locator('cg-report [data-metric="balance"] .value').textContent()).toBe(NOT_ENOUGH_DATA)
  }, 120_000)
})

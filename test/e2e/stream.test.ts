import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { shortLabel } from '../../shared/stream/short-label'
import { RESULTS_DIR } from '../support/browser'
import { reaches } from '../support/reach'
import { addConceptAt, concept, linkByDrag, openBoard, useHarness } from './harness'

const DESKTOP = { viewport: { width: 1280, height: 800 } }
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }

// Shaped like a review site's export: BOM, CRLF, quoted commas, a line break inside a cell.
const REVIEWS =
  '\uFEFFtext,author,source,at,url\r\n' +
  '"Delivery was late, again. Nobody told me why.",Ana,Trustpilot,2026-03-02T09:15:00Z,https://www.trustpilot.com/r/1\r\n' +
  '"Tracking page says delivered,\r\nbut nothing arrived",Kim,App Store,2026-03-04,\r\n' +
  'Support answered in two minutes,Jo,Trustpilot,2026-03-01,\r\n' +
  'Prices keep going up,Lee,Reddit,2026-02-20,\r\n'

const shot = (page: Page, name: string) => {
  mkdirSync(RESULTS_DIR, { recursive: true })
  return page.screenshot({ path: join(RESULTS_DIR, `stream-${name}.png`) })
}

describe('the customer voice on the board', () => {
  const h = useHarness()

  async function context(options: typeof DESKTOP | typeof PHONE): Promise<BrowserContext> {
    const ctx = await h.newContext(options)
    ctx.on('close', () => h.contexts.delete(ctx))
    return ctx
  }

  it('a facilitator loads a CSV, a brand member drags an item in, a customer on a phone adds one, and the figures match', async () => {
    const { id } = await h.server.createBoard('Delivery study', 'What makes a delivery trustworthy?')
    const [f, b, u] = await Promise.all([
      h.server.invite(id, 'facilitator', 'Fay Facilitator'),
      h.server.invite(id, 'brand', 'Bea Brand'),
      h.server.invite(id, 'customer', 'Carl Customer')
    ])
    const facilitator = await openBoard(await context(DESKTOP), f.url)
    const brand = await openBoard(await context(DESKTOP), b.url)
    const customer = await openBoard(await context(PHONE), u.url)

    // The facilitator opens the (empty) panel and loads the file.
    await facilitator.getByRole('button', { name: /Customer voice \(0\)/ }).click()
    await facilitator.locator('cg-stream-panel input[type=file]').setInputFiles({ name: 'reviews.csv', mimeType: 'text/csv', buffer: Buffer.from(REVIEWS) })
    await expect.poll(() => facilitator.locator('cg-stream-panel .load-result').textContent(), { timeout: 10_000 }).toContain('Added 4 items')
    await expect.poll(() => facilitator.locator('cg-stream-panel li').count()).toBe(4)
    // The file box is one button named by its words (the browser's own picker read "Choose File N…").
    expect(await facilitator.getByLabel('Load a file (CSV, JSON Lines, text, RSS or Atom)').count()).toBe(1)
    await shot(facilitator, 'desktop-loader')

    // The brand member's panel opens by itself (wide screen), newest first.
    await expect.poll(() => brand.locator('cg-stream-panel li').count(), { timeout: 10_000 }).toBe(4)
    const texts = await brand.locator('cg-stream-panel li .text').allTextContents()
    expect(texts[0]).toBe('Tracking page says delivered,\nbut nothing arrived')
    await shot(brand, 'desktop-panel')

    // Search and filters: by words (text, author or source), by source, by author.
    const panel = brand.locator('cg-stream-panel')
    const listed = () => panel.locator('li .text').allTextContents()
    await panel.getByRole('searchbox', { name: 'Search the customer voice' }).fill('DELIVERED')
    await expect.poll(listed).toEqual(['Tracking page says delivered,\nbut nothing arrived'])
    await panel.getByRole('searchbox', { name: 'Search the customer voice' }).fill('')
    await panel.getByRole('combobox', { name: 'Filter by source' }).selectOption('Trustpilot')
    await expect.poll(listed).toEqual(['Delivery was late, again. Nobody told me why.', 'Support answered in two minutes'])
    await panel.getByRole('combobox', { name: 'Filter by author' }).selectOption('Jo')
    await expect.poll(listed).toEqual(['Support answered in two minutes'])
    await panel.getByRole('combobox', { name: 'Filter by source' }).selectOption('')
    await panel.getByRole('combobox', { name: 'Filter by author' }).selectOption('')
    await expect.poll(() => panel.locator('li').count()).toBe(4)

    // Drag "Delivery was late…" onto the map.
    const item = brand.locator('cg-stream-panel li', { hasText: 'Delivery was late' })
    await item.dragTo(brand.locator('.stage'), { targetPosition: { x: 300, y: 250 } })
    const lateLabel = shortLabel('Delivery was late, again. Nobody told me why.')
    expect(lateLabel).toBe('Delivery was late, again')
    await concept(brand, lateLabel).waitFor({ timeout: 10_000 })
    await expect.poll(() => concept(customer, lateLabel).count(), { timeout: 8000 }).toBe(1)
    expect(await concept(customer, lateLabel).getAttribute('class')).toContain('from-stream')
    await expect.poll(() => item.locator('.on-map').count()).toBe(1)

    // On the map, the item offers Show, not Add (which made a duplicate): Show selects the concept made
    // from it and brings it into view beside the panel. The map is panned away from it first.
    expect(await item.getByRole('button', { name: /Add to map/ }).count()).toBe(0)
    const dropped = (await concept(brand, lateLabel).boundingBox())!
    await brand.mouse.move(250, 650)
    await brand.mouse.down()
    await brand.mouse.move(250, 60, { steps: 8 })
    await brand.mouse.up()
    const stageBox = (await brand.locator('.stage').boundingBox())!
    await expect.poll(async () => { const b = await concept(brand, lateLabel).boundingBox(); return b ? b.y + b.height : 0 }).toBeLessThan(stageBox.y)
    await item.getByRole('button', { name: 'Show on the map: Delivery was late, again. Nobody told me why.' }).click()
    await expect.poll(() => concept(brand, lateLabel).getAttribute('aria-selected')).toBe('true')
    const [shown, panelNow] = await Promise.all([concept(brand, lateLabel).boundingBox(), brand.locator('cg-stream-panel').boundingBox()])
    expect(shown!.y).toBeGreaterThan(stageBox.y)
    expect(shown!.x + shown!.width).toBeLessThan(panelNow!.x)
    expect(await brand.locator('cg-concept .box[aria-selected="true"]').count()).toBe(1)
    await expect.poll(() => brand.locator('.source-card p').textContent()).toBe('Delivery was late, again. Nobody told me why.')
    // Enter on the focused item does what its button does: it shows, and still adds nothing.
    await item.focus()
    await brand.keyboard.press('Enter')
    // Focus goes back to the one concept (an Add would have focused a second, same-named one).
    await expect.poll(() => concept(brand, lateLabel).evaluateAll((els) => els.length === 1 && els[0]!.matches(':focus'))).toBe(true)
    await shot(brand, 'desktop-show')
    // The view goes back to where the concept was dropped (at 100%, as Show leaves it): what follows places concepts around it.
    await brand.mouse.move(250, 650)
    await brand.mouse.down()
    await brand.mouse.move(250 + dropped.x - shown!.x, 650 + dropped.y - shown!.y, { steps: 8 })
    await brand.mouse.up()

    // The customer, on a phone, opens the panel and taps Add: the panel closes, the concept is there for everyone.
    await customer.getByRole('button', { name: /Customer voice \(4\)/ }).tap()
    // The panel ends above the phone's toolbar (which covered the end of its list).
    const [panelBox, toolbarBox] = await Promise.all([customer.locator('cg-stream-panel').boundingBox(), customer.locator('cg-toolbar').boundingBox()])
    expect(panelBox!.y + panelBox!.height).toBeLessThanOrEqual(toolbarBox!.y)
    await shot(customer, 'phone-panel')
    await customer.locator('cg-stream-panel li', { hasText: 'Support answered' }).getByRole('button', { name: /Add to map/ }).tap()
    await concept(customer, 'Support answered in two minutes').waitFor({ timeout: 10_000 })
    await expect.poll(() => customer.locator('cg-stream-panel').count()).toBe(0)
    await expect.poll(() => concept(brand, 'Support answered in two minutes').count(), { timeout: 8000 }).toBe(1)
    await customer.locator('.source-card').waitFor()
    await customer.locator('cg-style-panel').waitFor()
    const [phoneCard, phoneTools] = await Promise.all([customer.locator('.source-card').boundingBox(), customer.locator('cg-style-panel').boundingBox()])
    expect(phoneCard!.y + phoneCard!.height).toBeLessThanOrEqual(phoneTools!.y)
    await shot(customer, 'phone-map')
    // Back in the panel, the item just added offers Show: a tap puts the panel away and shows the concept.
    await customer.getByRole('button', { name: /Customer voice \(4\)/ }).tap()
    const supportItem = customer.locator('cg-stream-panel li', { hasText: 'Support answered' })
    await supportItem.getByRole('button', { name: /Show on the map/ }).waitFor()
    expect(await supportItem.getByRole('button', { name: /Add to map/ }).count()).toBe(0)
    // The concept just added is still selected: its colour panel stays under the panel, not over its list.
    const colours = (await customer.locator('cg-style-panel').boundingBox())!
    const overList = !(await reaches(customer, ['cg-stream-panel'], { x: colours.x + colours.width * 0.75, y: colours.y + colours.height / 2 }))
    expect(overList, 'the colour panel over the customer voice').toBe(false)
    await shot(customer, 'phone-panel-show')
    await supportItem.getByRole('button', { name: /Show on the map/ }).tap()
    await expect.poll(() => customer.locator('cg-stream-panel').count()).toBe(0)
    await expect.poll(() => concept(customer, 'Support answered in two minutes').getAttribute('aria-selected')).toBe('true')
    expect(await concept(customer, 'Support answered in two minutes').count()).toBe(1)
    await shot(customer, 'phone-show')

    // The brand member builds on it: one concept beyond the stream, linked from the harvested one and onward.
    await brand.getByRole('button', { name: 'Close the customer voice' }).click()
    await addConceptAt(brand, 520, 420, 'Honest tracking')
    await addConceptAt(brand, 300, 600, 'Trust')
    await linkByDrag(brand, lateLabel, 'Honest tracking', 'needs')
    await linkByDrag(brand, 'Honest tracking', 'Trust', 'builds')

    // The source is one click away: select the concept, its full text shows.
    await concept(brand, lateLabel).click()
    await expect.poll(() => brand.locator('.source-card p').textContent()).toBe('Delivery was late, again. Nobody told me why.')
    // Clear of the colour and shape panel the same selection opens.
    await brand.locator('cg-style-panel').waitFor()
    const [sourceBox, tools] = await Promise.all([brand.locator('.source-card').boundingBox(), brand.locator('cg-style-panel').boundingBox()])
    expect(sourceBox!.y).toBeGreaterThanOrEqual(tools!.y + tools!.height)
    await shot(brand, 'desktop-source')
    // The label stays editable.
    await concept(brand, lateLabel).dblclick()
    await brand.locator('cg-label-editor textarea').fill('Late deliveries')
    await brand.keyboard.press('Enter')
    await expect.poll(() => concept(customer, 'Late deliveries').count(), { timeout: 8000 }).toBe(1)

    // By hand: K = 4 (2 from the stream), S = 4 items, P = {late→tracking, tracking→trust}.
    // harvest 2/4; beyond 1/2 (only tracking→trust); coverage 2/4; B made 3 concepts, 1 from the
    // stream → 1/3; U made 1, from the stream → 1.
    const expected = { harvest: 0.5, beyond: 0.5, coverage: 0.5, harvestByGroup: { B: 1 / 3, U: 1 } }
    await expect
      .poll(async () => ((await (await h.server.api(`/api/boards/${id}/report`)).json()) as { profile: { stream: unknown } }).profile.stream, { timeout: 10_000 })
      .toEqual(expected)
    // The facilitator's live view shows the same figures, as GET …/metrics gives them at its moment.
    await facilitator.getByRole('button', { name: 'Live view', exact: true }).click()
    const figure = (key: string) => facilitator.locator(`cg-live-panel [data-section="stream"] [data-figure="${key}"] .value`)
    await expect.poll(() => figure('stream.harvest').textContent().catch(() => ''), { timeout: 10_000 }).toBe('0.50')
    expect(await figure('stream.beyond').textContent()).toBe('0.50')
    expect(await figure('stream.coverage').textContent()).toBe('0.50')
    const live = (await facilitator.locator('cg-live-panel').evaluate((el) => (el as unknown as { latest: unknown }).latest)) as {
      at: number
      session: string | null
      metrics: { stream: unknown }
    }
    expect(live.metrics.stream).toEqual(expected)
    // No session was started: the view does not call what it scores a session, as the bar does not.
    expect(await facilitator.locator('cg-facilitator-bar .session').innerText()).toBe('No session started')
    expect(await facilitator.locator('cg-live-panel .scope').innerText()).toBe(
      live.session === null ? 'The whole board (no session running)' : 'The current stretch of work (no session started)'
    )
    const scope = live.session === null ? '' : `&session=${live.session}`
    const same = (await (await h.server.api(`/api/boards/${id}/metrics?at=${live.at}${scope}`)).json()) as { metrics: unknown }
    expect(live.metrics).toEqual(same.metrics)
    await facilitator.locator('cg-live-panel [data-section="stream"]').scrollIntoViewIfNeeded()
    await shot(facilitator, 'cockpit')
    // The live view and the customer voice share the right side: opening one puts the other away.
    expect(await facilitator.locator('cg-stream-panel').count()).toBe(0)
    await facilitator.getByRole('button', { name: /Customer voice \(4\)/ }).click()
    await facilitator.locator('cg-stream-panel li').first().waitFor()
    expect(await facilitator.locator('cg-live-panel').count()).toBe(0)

    const report = await (await context(DESKTOP)).newPage()
    await report.goto(`${h.server.url}/report/${id}#token=${f.token}`)
    const card = (key: string) => report.locator(`cg-report [data-metric="${key}"] .value`)
    await expect.poll(() => card('stream.harvest').textContent(), { timeout: 15_000 }).toBe('0.50')
    expect(await card('stream.beyond').textContent()).toBe('0.50')
    expect(await card('stream.harvestByGroup.B').textContent()).toBe('0.33')
    expect(await card('stream.harvestByGroup.U').textContent()).toBe('1.00')
    const section = report.locator('cg-report section.harvest')
    expect(await section.locator('p.reading').textContent()).toBe(
      '50% of the concepts were harvested from what customers had already said, and 50% of the propositions were built together beyond it.'
    )
    expect(await section.locator('tr[data-harvest="stream.coverage"] td.value').textContent()).toBe('50%')
    await section.scrollIntoViewIfNeeded()
    await shot(report, 'report-harvest')

    // A key on a focused item makes a concept too (the facilitator's: in K, in neither group).
    await facilitator.locator('cg-stream-panel li', { hasText: 'Prices keep going up' }).focus()
    await facilitator.keyboard.press('Enter')
    await concept(facilitator, 'Prices keep going up').waitFor({ timeout: 10_000 })
    expect(await concept(facilitator, 'Prices keep going up').getAttribute('class')).toContain('from-stream')
    // By hand: K = 5, 3 from the stream; P unchanged; 3 of the 4 items used; the groups' shares unchanged.
    await expect
      .poll(async () => ((await (await h.server.api(`/api/boards/${id}/metrics`)).json()) as { metrics: { stream: unknown } }).metrics.stream, { timeout: 10_000 })
      .toEqual({ harvest: 3 / 5, beyond: 0.5, coverage: 3 / 4, harvestByGroup: { B: 1 / 3, U: 1 } })
  }, 120_000)
})

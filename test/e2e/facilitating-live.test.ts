import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContextOptions, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { RESULTS_DIR } from '../support/browser'
import { addConceptAt, concept, openBoard, useHarness } from './harness'
import type { LiveProfile } from '../../shared/api/live'

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } }
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })
const cockpit = (page: Page) => page.locator('cg-live-panel')
const votePanel = (page: Page) => page.locator('cg-vote-panel')

type LiveEventShape = LiveProfile

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true })
  await page.screenshot({ path: join(RESULTS_DIR, `facilitating-live-${name}.png`) })
}

describe('facilitating live: the cockpit and dot votes', () => {
  const h = useHarness()

  async function context(options: BrowserContextOptions) {
    const ctx = await h.newContext(options)
    ctx.on('close', () => h.contexts.delete(ctx))
    return ctx
  }

  it('a facilitator and three participants: live participation within 2 s, the quiet one flagged, a full vote round from the UI', async () => {
    const s = h.server
    const { id } = await s.createBoard('Workshop', 'What makes customers stay?')
    const [f, bea, cy, cal] = await Promise.all([
      s.invite(id, 'facilitator', 'Fay'),
      s.invite(id, 'brand', 'Bea'),
      s.invite(id, 'customer', 'Cy'),
      s.invite(id, 'customer', 'Cal')
    ])
    const session = await (await s.api(`/api/boards/${id}/sessions/start`, { method: 'POST', token: f.token, body: '{"name":"Morning"}' })).json()
    const fay = await openBoard(await context(DESKTOP), f.url)
    const beaPage = await openBoard(await context(DESKTOP), bea.url)
    const cyPage = await openBoard(await context(DESKTOP), cy.url)
    const calPage = await openBoard(await context(PHONE), cal.url)
    // Participants never see the facilitator's controls or the cockpit.
    for (const p of [beaPage, cyPage, calPage]) expect(await p.locator('cg-facilitator-bar').count()).toBe(0)

    await button(fay, 'Live view').click()
    await cockpit(fay).locator('[data-person]').first().waitFor({ timeout: 5000 })
    // Quiet after 4 s here rather than 5 minutes (the element's own setting).
    await cockpit(fay).evaluate((el) => ((el as unknown as { silentAfterMs: number }).silentAfterMs = 4000))
    const person = (pid: string) => cockpit(fay).locator(`[data-person="${pid}"]`)
    // No stream loaded: the cockpit shows no stream figures.
    expect(await cockpit(fay).locator('[data-section="stream"]').count()).toBe(0)
    expect(await person(cal.participantId).locator('.count').innerText()).toBe('0')

    const before = Date.now()
    await addConceptAt(beaPage, 400, 300, 'Fast delivery')
    await expect.poll(() => person(bea.participantId).locator('.count').innerText(), { timeout: 2000, interval: 50 }).toBe('1')
    expect(Date.now() - before).toBeLessThan(2000 + 1500)
    const edited = Date.now()
    await addConceptAt(cyPage, 700, 420, 'Honest reviews')
    await expect.poll(() => person(cy.participantId).locator('.count').innerText(), { timeout: 2000, interval: 50 }).toBe('1')
    expect(Date.now() - edited).toBeLessThan(2000 + 1000)

    // Cal has connected and added nothing: flagged, by name, while Cy (who just added) is not.
    await expect.poll(() => person(cal.participantId).getAttribute('data-quiet'), { timeout: 12_000 }).toBe('true')
    await addConceptAt(cyPage, 700, 560, 'Price')
    await expect.poll(() => person(cy.participantId).locator('.count').innerText(), { timeout: 2000, interval: 50 }).toBe('2')
    expect(await person(cy.participantId).getAttribute('data-quiet')).toBe('false')
    await expect.poll(() => cockpit(fay).locator('.prompts').innerText()).toMatch(/\bCal\b[^.]* not added anything/)

    // The cockpit's numbers are GET …/metrics for the same scope and moment.
    const latest = (await cockpit(fay).evaluate((el) => (el as unknown as { latest: unknown }).latest)) as LiveEventShape
    expect(latest.session).toBe(session.id)
    // It says what it scores in the facilitator bar's words: the started session, since its start.
    expect(await cockpit(fay).locator('.scope').innerText()).toMatch(/^The running session, since \d/)
    const same = await (await s.api(`/api/boards/${id}/metrics?session=${latest.session}&at=${latest.at}`, { token: f.token })).json()
    expect(latest.metrics).toEqual(same.metrics)
    const shown = await cockpit(fay).locator('[data-figure="balance"] .value').innerText()
    expect(shown).toBe(same.metrics.balance.toFixed(2))
    // Each figure has its sparkline of the session so far.
    await expect.poll(() => cockpit(fay).locator('[data-figure="balance"] svg path').getAttribute('d').catch(() => null)).toMatch(/^M[\d.]+ [\d.]+ L/)
    await shot(fay, 'cockpit-1280')

    // Projected: nobody is named.
    await button(fay, 'Project').click()
    const projected = (await cockpit(fay).locator('header, p, section').allInnerTexts()).join('\n')
    for (const name of ['Bea', 'Cy', 'Cal']) expect(projected).not.toContain(name)
    expect(projected).toMatch(/\d (person has|people have) not added anything/)
    // The whole screen goes on the wall: presence and cursors show no names either.
    const nameDisplays = () => fay.locator('cg-presence .name, cg-cursors .name, .mark.person').evaluateAll((els) => els.map((e) => getComputedStyle(e).display))
    const whileProjected = await nameDisplays()
    expect(whileProjected.length).toBeGreaterThan(0)
    expect(whileProjected.every((d) => d === 'none')).toBe(true)
    await shot(fay, 'cockpit-projected-1280')
    await button(fay, 'Project').click()
    expect((await nameDisplays()).every((d) => d !== 'none')).toBe(true)

    // A dot vote: every participant learns at once that it opened.
    await button(fay, 'Dot vote').click()
    for (const p of [beaPage, cyPage, calPage]) {
      await expect.poll(() => votePanel(p).locator('.left').innerText().catch(() => ''), { timeout: 2000, interval: 50 }).toBe('3 of 3 dots left')
    }
    // Cy's Price, just added, was selected: voting mode starts with nothing selected, so no Delete is
    // live on a concept being voted on.
    await expect.poll(() => button(cyPage, 'Delete selection').isDisabled(), { timeout: 2000 }).toBe(true)
    // Bea clicks concepts on the map (voting mode is on as the round opens): two quick clicks are two
    // dots, not an edit of the label.
    await concept(beaPage, 'Fast delivery').dblclick()
    await concept(beaPage, 'Honest reviews').click()
    await expect.poll(() => votePanel(beaPage).locator('.left').innerText()).toBe('0 of 3 dots left')
    expect(await beaPage.locator('cg-label-editor').count()).toBe(0)
    // No dots left: one more click changes nothing.
    await concept(beaPage, 'Price').click()
    await expect.poll(() => votePanel(beaPage).locator('.left').innerText()).toBe('0 of 3 dots left')
    // Clicks that vote select nothing: no colour and shape panel over the vote (it sat on the panel's
    // title), and no Delete for the concepts being voted on.
    expect(await beaPage.locator('cg-style-panel').count()).toBe(0)
    expect(await button(beaPage, 'Delete selection').isDisabled()).toBe(true)
    // Nor do they focus the concept: the Delete key (which takes the focused concept when nothing is
    // selected) deletes nothing.
    await beaPage.keyboard.press('Delete')
    await beaPage.waitForTimeout(300)
    expect(await beaPage.locator('cg-concept').count()).toBe(3)
    // Nor does a press on a concept drag it (it pans the map): Price keeps its place beside Honest reviews.
    const offset = async () => {
      const [a, b] = await Promise.all([concept(beaPage, 'Price').boundingBox(), concept(beaPage, 'Honest reviews').boundingBox()])
      return { dx: a!.x - b!.x, dy: a!.y - b!.y }
    }
    const apart = await offset()
    const price = (await concept(beaPage, 'Price').boundingBox())!
    await beaPage.mouse.move(price.x + price.width / 2, price.y + price.height / 2)
    await beaPage.mouse.down()
    await beaPage.mouse.move(price.x + price.width / 2 + 60, price.y + price.height / 2 + 40, { steps: 5 })
    await beaPage.mouse.up()
    expect(await offset()).toEqual(apart)
    expect(await button(beaPage, 'Delete selection').isDisabled()).toBe(true)
    // Cy votes by keyboard from the panel's list: Enter twice on one concept's + (the focus stays on
    // that concept's button as the dots change), then once on another's.
    const plus = (p: Page, label: string) => votePanel(p).getByRole('button', { name: `Put a dot on ${label}` })
    const dotsOn = (p: Page, label: string) => votePanel(p).locator('li', { hasText: label }).locator('.dots').getAttribute('aria-label')
    await plus(cyPage, 'Honest reviews').focus()
    await cyPage.keyboard.press('Enter')
    await expect.poll(() => dotsOn(cyPage, 'Honest reviews')).toBe('1 dot')
    await cyPage.keyboard.press('Enter')
    await expect.poll(() => dotsOn(cyPage, 'Honest reviews')).toBe('2 dots')
    expect(await plus(cyPage, 'Honest reviews').evaluate((b) => b.matches(':focus'))).toBe(true)
    await plus(cyPage, 'Fast delivery').focus()
    await cyPage.keyboard.press('Enter')
    await expect.poll(() => dotsOn(cyPage, 'Fast delivery')).toBe('1 dot')
    // Moving a dot: − takes it back (one left), + puts it again.
    await votePanel(cyPage).getByRole('button', { name: 'Take a dot back from Fast delivery' }).focus()
    await cyPage.keyboard.press('Enter')
    await expect.poll(() => votePanel(cyPage).locator('.left').innerText()).toBe('1 of 3 dots left')
    expect(await dotsOn(cyPage, 'Fast delivery')).toBe('0 dots')
    await plus(cyPage, 'Fast delivery').focus()
    await cyPage.keyboard.press('Enter')
    await expect.poll(() => dotsOn(cyPage, 'Fast delivery')).toBe('1 dot')
    // No dots left: the + says so and stays focusable; one more Enter places nothing.
    await expect.poll(() => plus(cyPage, 'Price').getAttribute('aria-disabled')).toBe('true')
    await plus(cyPage, 'Price').focus()
    await cyPage.keyboard.press('Enter')
    expect(await dotsOn(cyPage, 'Price')).toBe('0 dots')
    await expect.poll(() => votePanel(cyPage).locator('.left').innerText()).toBe('0 of 3 dots left')
    // On the phone the panel starts folded (its list sat over the concepts it says to tap), and
    // speaks of taps, not of a Shift key.
    expect(await votePanel(calPage).locator('ul').count()).toBe(0)
    const hint = await votePanel(calPage).locator('p.muted').innerText()
    expect(hint).toMatch(/^Tap a concept to place a dot/)
    expect(hint).not.toMatch(/Shift/)
    // Cal taps a concept on the phone, then takes nothing back.
    await concept(calPage, 'Honest reviews').tap()
    await expect.poll(() => votePanel(calPage).locator('.left').innerText()).toBe('2 of 3 dots left')
    await expect.poll(() => concept(calPage, 'Honest reviews').locator('.mark').first().getAttribute('data-name')).toMatch(/● your dot/)
    expect(await calPage.locator('cg-style-panel').count()).toBe(0)
    // The tap selected nothing: the toolbar's bin stays off, one more tap cannot delete the concept.
    expect(await button(calPage, 'Delete selection').isDisabled()).toBe(true)
    await shot(calPage, 'vote-390')
    await votePanel(calPage).getByRole('button', { name: 'Show list' }).tap()
    await expect.poll(() => dotsOn(calPage, 'Honest reviews')).toBe('1 dot')
    expect(await votePanel(calPage).locator('li', { hasText: 'Price' }).locator('.dots').innerText()).toBe('0')
    await shot(calPage, 'vote-list-390')
    await shot(beaPage, 'vote-1280')

    await button(fay, 'Close dot vote').click()
    const totals = (p: Page, label: string) => votePanel(p).locator('li', { hasText: label }).locator('[data-total]').innerText()
    for (const p of [fay, beaPage, cyPage, calPage]) {
      // By hand: Fast delivery B 2 (Bea), U 1 (Cy); Honest reviews B 1 (Bea), U 2 + 1 (Cy, Cal).
      await expect.poll(() => totals(p, 'Fast delivery').catch(() => ''), { timeout: 3000 }).toBe('2 + 1')
      expect(await totals(p, 'Honest reviews')).toBe('1 + 3')
    }
    // A selection from before the vote (Cy's Price, just added; the clicks and the tap selected
    // nothing) does not open its colour and shape panel as voting ends, over the results' title and Close.
    for (const p of [beaPage, cyPage, calPage]) expect(await p.locator('cg-style-panel').count()).toBe(0)
    await shot(beaPage, 'results-voter-1280')
    await shot(calPage, 'results-390')
    await shot(fay, 'results-1280')

    // priorities by hand: vB = (2, 1), vU = (1, 3) → (2 + 3) / (√5 · √10); B's dot on a customer concept 1/3, U's on the brand's 1/4.
    const { metrics } = await (await s.api(`/api/boards/${id}/metrics`, { token: f.token })).json()
    expect(metrics.priorities.agreement).toBeCloseTo(5 / (Math.sqrt(5) * Math.sqrt(10)), 12)
    expect(metrics.priorities.crossVote.B).toBeCloseTo(1 / 3, 12)
    expect(metrics.priorities.crossVote.U).toBeCloseTo(1 / 4, 12)
    expect(metrics.priorities.voters).toEqual({ B: 1, U: 2 })
    // The report: priorities as GET …/metrics gives them, and the chart and table of dots per concept by side.
    const report = await (await context(DESKTOP)).newPage()
    await report.goto(`${s.url}/report/${id}#token=${f.token}`)
    const agreement = report.locator('cg-report [data-metric="priorities.agreement"] .value')
    await expect.poll(() => agreement.textContent().catch(() => ''), { timeout: 15_000 }).toBe(metrics.priorities.agreement.toFixed(2))
    const rows = await report.locator('cg-report table[data-votes] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)))
    const byLabel = new Map(rows.map(([label, ...n]) => [label, n]))
    expect(byLabel.get('Fast delivery')).toEqual(['2', '1'])
    expect(byLabel.get('Honest reviews')).toEqual(['1', '3'])
    const painted = await report.locator('cg-report cg-chart[chart-id="votes"]').evaluate((chart) => {
      const canvas = chart.shadowRoot!.querySelector('canvas')!
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
      let n = 0
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++
      return n
    })
    expect(painted).toBeGreaterThan(500)
    await report.locator('cg-report table[data-votes]').scrollIntoViewIfNeeded()
    await shot(report, 'report-votes-1280')
    await report.locator('cg-report [data-metric="priorities.agreement"]').scrollIntoViewIfNeeded()
    await shot(report, 'report-priorities-1280')

    // The results stay until put away.
    await votePanel(calPage).getByRole('button', { name: 'Close' }).tap()
    await expect.poll(() => votePanel(calPage).count()).toBe(0)
  })
})

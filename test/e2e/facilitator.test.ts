import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { MapView } from '../../shared/sync/board-events'
import { RESULTS_DIR } from '../support/browser'
import { addConceptAt, openBoard, seriousViolations, useHarness } from './harness'

const WITHIN_A_SECOND = { timeout: 1000, interval: 25 }

const bar = (page: Page) => page.locator('cg-facilitator-bar')
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })
const message = (page: Page) => bar(page).locator('.message').innerText()
/** What the board says above the map (the lock, following, being brought here). */
const notices = (page: Page) => page.locator('cg-board-notices p').allInnerTexts().then((t) => t.join(' '))
const lockNotice = notices

/** The part of the map a page shows, in map coordinates. */
function view(page: Page): Promise<MapView> {
  return page.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.visibleView())
}
const centre = (v: MapView) => ({ x: Math.round(v.x + v.w / 2), y: Math.round(v.y + v.h / 2) })

/** Pans a page's map by dragging its background. */
async function pan(page: Page, dx: number, dy: number): Promise<void> {
  await page.mouse.move(150, 650)
  await page.mouse.down()
  await page.mouse.move(150 + dx, 650 + dy, { steps: 5 })
  await page.mouse.up()
}

describe('facilitator: running the session from the board', () => {
  const h = useHarness()

  async function workshop(title: string) {
    const { id } = await h.server.createBoard(title, 'What makes customers stay loyal?')
    const [f, b, c] = await Promise.all([h.server.invite(id, 'facilitator', 'Fay'), h.server.invite(id, 'brand', 'Bea'), h.server.invite(id, 'customer', 'Cy')])
    const facilitator = await openBoard(await h.newContext(), f.url)
    const brand = await openBoard(await h.newContext(), b.url)
    const customer = await openBoard(await h.newContext(), c.url)
    return { id, facilitator, brand, customer, token: f.token }
  }

  it('starts and ends a session, locks and unlocks live, takes a snapshot and opens replay and report, by keyboard', async () => {
    const { id, facilitator, brand, customer, token } = await workshop('Controls')
    // Only the facilitator has the controls.
    expect(await bar(customer).count()).toBe(0)
    expect(await bar(brand).count()).toBe(0)

    await button(facilitator, 'Start session').focus()
    await facilitator.keyboard.press('Enter')
    await expect.poll(() => bar(facilitator).locator('.session').innerText()).toMatch(/^Session 1 running since/)

    // Lock: every page says so within a second and loses its editing tools; unlock gives them back.
    // (The session's state can come over the socket before the start's own answer: the bar's buttons
    // stay disabled until it does, and a disabled button takes neither focus nor Enter.)
    await expect.poll(() => button(facilitator, 'Lock board').isEnabled()).toBe(true)
    await button(facilitator, 'Lock board').focus()
    await facilitator.keyboard.press('Enter')
    for (const page of [brand, customer]) {
      await expect.poll(() => lockNotice(page), WITHIN_A_SECOND).toMatch(/locked the board/)
      await expect.poll(() => button(page, 'Add concept').count(), WITHIN_A_SECOND).toBe(0)
    }
    // The facilitator still edits, and sees that the board is locked.
    expect(await lockNotice(facilitator)).toMatch(/only facilitators can change it/)
    await addConceptAt(facilitator, 400, 300, 'Service')
    await button(facilitator, 'Unlock board').click()
    for (const page of [brand, customer]) {
      await expect.poll(() => lockNotice(page), WITHIN_A_SECOND).toBe('')
      await expect.poll(() => button(page, 'Add concept').count(), WITHIN_A_SECOND).toBe(1)
    }
    await addConceptAt(brand, 700, 350, 'Price')

    // More: a snapshot, by keyboard.
    await bar(facilitator).locator('summary').focus()
    await facilitator.keyboard.press('Enter')
    expect(await seriousViolations(facilitator)).toEqual([])
    await expect.poll(() => button(facilitator, 'Take a snapshot').isEnabled()).toBe(true)
    await button(facilitator, 'Take a snapshot').focus()
    await facilitator.keyboard.press('Enter')
    await expect.poll(() => message(facilitator)).toMatch(/^Snapshot “.+” taken at/)
    const snapshots = (await (await h.server.api(`/api/boards/${id}/snapshots`)).json()) as { snapshots: Array<{ kind: string }> }
    expect(snapshots.snapshots.filter((s) => s.kind === 'manual')).toHaveLength(1)

    // End session: a visible confirmation, and the others are asked the pulse.
    await button(facilitator, 'End session').click()
    await expect.poll(() => message(facilitator)).toMatch(/^Session 1 ended: .+–.+\. Brand and customer participants are asked/)
    await customer.getByRole('dialog', { name: 'The session has ended' }).waitFor({ timeout: 5000 })
    await expect.poll(() => bar(facilitator).locator('.session').innerText()).toBe('No session started')

    // Replay and report open from the board, for this board, with the facilitator's token.
    await bar(facilitator).locator('summary').click()
    const replay = await facilitator.getByRole('link', { name: 'Open replay ↗' }).getAttribute('href')
    const report = await facilitator.getByRole('link', { name: 'Open report ↗' }).getAttribute('href')
    expect(replay).toBe(`/replay/${id}#token=${encodeURIComponent(token)}`)
    expect(report).toBe(`/report/${id}#token=${encodeURIComponent(token)}`)
    const [opened] = await Promise.all([facilitator.context().waitForEvent('page'), facilitator.getByRole('link', { name: 'Open report ↗' }).click()])
    await expect.poll(() => opened.getByRole('heading', { level: 1 }).innerText().catch(() => ''), { timeout: 10_000 }).toMatch(/Controls/)
  }, 60_000)

  it('ends the work people just had when no session was started, and says what it covered', async () => {
    const { id, facilitator, brand } = await workshop('Unstarted')
    await addConceptAt(brand, 400, 300, 'Delivery')
    await new Promise((r) => setTimeout(r, 1200))
    await addConceptAt(brand, 700, 300, 'Trust')
    await button(facilitator, 'End session').click()
    await expect.poll(() => message(facilitator)).toMatch(/^Session 1 ended: \d\d:\d\d( [AP]M)?–\d\d:\d\d/)
    // It shows above the map's toolbar, which stays usable (it covered Add, Link and Undo before).
    const [said, tools] = await Promise.all([bar(facilitator).locator('.message').boundingBox(), facilitator.locator('cg-toolbar').boundingBox()])
    expect(said!.y + said!.height, 'the message ends above the toolbar').toBeLessThanOrEqual(tools!.y)
    await facilitator.screenshot({ path: `${RESULTS_DIR}/facilitator-session-ended.png` })
    const { sessions } = (await (await h.server.api(`/api/boards/${id}/sessions`)).json()) as { sessions: Array<{ kind: string; start: number; end: number }> }
    expect(sessions).toHaveLength(1)
    expect(sessions[0]!.kind).toBe('marked')
    expect(sessions[0]!.end - sessions[0]!.start).toBeGreaterThan(1000)
    const history = (await (await h.server.api(`/api/boards/${id}/history`)).json()) as { events: Array<{ at: number }> }
    expect(sessions[0]!.start).toBe(history.events[0]!.at)
  })

  it('shows the facilitator’s timer to everyone, counting down, until it is stopped', async () => {
    const { facilitator, customer } = await workshop('Timer')
    expect(await customer.getByRole('timer').count()).toBe(0)
    await bar(facilitator).locator('summary').click()
    await button(facilitator, 'Start a 3 min timer').click()
    await expect.poll(() => customer.getByRole('timer').getAttribute('aria-label').catch(() => ''), WITHIN_A_SECOND).toMatch(/^Time left: (3:00|2:5\d)$/)
    const first = await customer.getByRole('timer').innerText()
    await expect.poll(() => customer.getByRole('timer').innerText(), { timeout: 3000 }).not.toBe(first)
    expect(await seriousViolations(customer)).toEqual([])
    await bar(facilitator).locator('summary').click()
    await button(facilitator, 'Stop').click()
    await expect.poll(() => customer.getByRole('timer').count(), WITHIN_A_SECOND).toBe(0)
  })

  it('lets anyone follow a participant’s view, and the facilitator bring everyone to theirs', async () => {
    const { facilitator, brand, customer } = await workshop('Views')
    await addConceptAt(brand, 400, 300, 'Delivery')
    // The customer follows the brand participant: the same part of the map, as it moves.
    await customer.getByRole('button', { name: 'Follow Bea’s view' }).click()
    await expect.poll(() => notices(customer)).toMatch(/Following Bea’s view/)
    expect(await seriousViolations(customer)).toEqual([])
    await pan(brand, 300, 120)
    const target = centre(await view(brand))
    await expect.poll(async () => centre(await view(customer)), { timeout: 2000 }).toEqual(target)
    // Moving the map oneself stops following.
    await pan(customer, -200, 0)
    await expect.poll(() => notices(customer)).not.toMatch(/Following/)
    await pan(brand, -500, 0)
    await new Promise((r) => setTimeout(r, 500))
    expect(centre(await view(customer))).not.toEqual(centre(await view(brand)))

    // Bring everyone here: every other view moves to the facilitator's, with who did it.
    await pan(facilitator, 250, -180)
    await facilitator.keyboard.press('+')
    const there = centre(await view(facilitator))
    await bar(facilitator).locator('summary').click()
    await button(facilitator, 'Bring everyone here').click()
    for (const page of [brand, customer]) {
      await expect.poll(async () => centre(await view(page)), WITHIN_A_SECOND).toEqual(there)
      await expect.poll(() => notices(page)).toMatch(/Fay brought everyone to this part of the map/)
    }
  })
})

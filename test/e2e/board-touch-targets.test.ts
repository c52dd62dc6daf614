import { readFileSync } from 'node:fs'
import type { BrowserContextOptions, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { concept, openBoard, useHarness, importCxl } from './harness'
import { RESULTS_DIR } from '../support/browser'
import { REAL_CXL } from '../support/shared-fixtures'

// On a touch phone every control is at least 44 × 44 CSS pixels, as the toolbar, the colour panel and
// the link handle already were: the footer's Leave and Export, the Export menu, the find field and the
// facilitator's bar and its More menu were 32–36 px tall; the link and name dialogs' fields and buttons
// 38–40 px, the dot vote's buttons 32 px.

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }

/** The shown controls (buttons, links, fields, menu items, summaries) smaller than 44 px either way. */
function smallControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot)
        const tag = el.tagName.toLowerCase()
        const role = el.getAttribute('role')
        const control = ['button', 'a', 'input', 'select', 'summary'].includes(tag) || role === 'button' || role?.startsWith('menuitem')
        if (!control || !el.checkVisibility()) continue
        const r = el.getBoundingClientRect()
        if (r.width === 0 || r.height === 0) continue
        if (r.width < 43.5 || r.height < 43.5) out.push(`${el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 30)} ${Math.round(r.width)}×${Math.round(r.height)}`)
      }
    }
    walk(document)
    return out
  })
}

describe('board: touch targets on a phone', () => {
  const h = useHarness()
  let id: string
  beforeAll(async () => {
    id = await importCxl(h, readFileSync(REAL_CXL))
  })

  async function phone(role: 'customer' | 'facilitator', name: string): Promise<Page> {
    const ctx = await h.newContext(PHONE)
    const page = await openBoard(ctx, (await h.server.invite(id, role, name)).url)
    await page.waitForTimeout(300)
    return page
  }

  it('a customer’s board, its Export menu and its find bar have no control under 44 px', async () => {
    const page = await phone('customer', 'Carla Customer')
    expect(await smallControls(page), 'the board').toEqual([])
    await page.locator('cg-export-menu summary').tap()
    await page.getByRole('button', { name: 'Picture (PNG)' }).waitFor()
    expect(await smallControls(page), 'the Export menu').toEqual([])
    await page.screenshot({ path: '/tmp/i20-touch-export-390.png' })
    await page.locator('cg-export-menu summary').tap()
    await page.getByRole('button', { name: 'More tools' }).tap()
    await page.getByRole('menuitem', { name: 'Find on the map' }).tap()
    await page.getByRole('searchbox', { name: 'Find on the map' }).waitFor()
    expect(await smallControls(page), 'the find bar').toEqual([])
  })

  for (const width of [605, 660]) {
    it(`fits every toolbar button of 44 px inside the toolbar on a ${width} px touch screen`, async () => {
      const ctx = await h.newContext({ viewport: { width, height: 900 }, hasTouch: true, isMobile: true })
      const page = await openBoard(ctx, (await h.server.invite(id, 'customer', 'Tao Tablet')).url)
      const out = await page.evaluate(() => {
        const bar = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-toolbar')!
        const edge = bar.getBoundingClientRect()
        return [...bar.shadowRoot!.querySelectorAll('button')]
          .filter((b) => b.checkVisibility())
          .filter((b) => { const r = b.getBoundingClientRect(); return r.left < edge.left - 0.5 || r.right > edge.right + 0.5 })
          .map((b) => b.getAttribute('aria-label'))
      })
      expect(out, 'buttons past the toolbar’s edge').toEqual([])
      expect(await smallControls(page)).toEqual([])
    })
  }

  it('the pulse a customer is asked on Leave has no control under 44 px', async () => {
    const page = await phone('customer', 'Pia Pulse')
    await page.getByRole('button', { name: 'Leave' }).tap()
    await page.locator('cg-pulse-dialog dialog').waitFor()
    await page.waitForTimeout(300)
    // Its 1–5 and No answer were 13 px radios in ~20 px labels, its buttons under 44 px tall.
    expect(await smallControls(page), 'the pulse').toEqual([])
    await page.locator('cg-pulse-dialog').getByText('4', { exact: true }).first().tap()
    expect(await page.locator('cg-pulse-dialog input[value="4"]').first().isChecked()).toBe(true)
    await page.screenshot({ path: `${RESULTS_DIR}/touch-pulse-390.png` })
  })

  it('a facilitator’s bar and its More menu have no control under 44 px', async () => {
    const page = await phone('facilitator', 'Fran Facilitator')
    await page.getByRole('button', { name: 'Start session' }).waitFor()
    expect(await smallControls(page), 'the facilitator’s board').toEqual([])
    await page.locator('cg-facilitator-bar summary').tap()
    await page.getByRole('button', { name: 'Bring everyone here' }).waitFor()
    expect(await smallControls(page), 'the More menu').toEqual([])
    await page.screenshot({ path: '/tmp/i20-touch-facilitator-390.png' })
  })

  it('the link dialog has no control under 44 px', async () => {
    const page = await phone('customer', 'Lina Link')
    // Its concept list was 38 px tall, its phrase field, Cancel and Link 40 px.
    await concept(page, 'charlie').tap()
    await page.getByRole('button', { name: 'Link selected concept to…' }).tap()
    await page.getByRole('dialog', { name: 'Link “charlie” to…' }).waitFor()
    await page.waitForTimeout(300)
    expect(await smallControls(page), 'the link dialog').toEqual([])
    await page.screenshot({ path: `${RESULTS_DIR}/touch-link-390.png` })
    await page.getByRole('button', { name: 'Cancel' }).tap()
    await page.getByRole('dialog', { name: 'Link “charlie” to…' }).waitFor({ state: 'hidden' })
  })

  it('the name dialog of a group invite has no control under 44 px', async () => {
    // It shares the link dialog's look: its name field and Join were 40 px tall.
    const group = await h.newContext(PHONE)
    const guest = await group.newPage()
    await guest.goto((await h.server.invite(id, 'customer')).url)
    await guest.getByRole('dialog', { name: 'Join the board' }).waitFor()
    await guest.waitForTimeout(300)
    expect(await smallControls(guest), 'the name dialog').toEqual([])
    await guest.screenshot({ path: `${RESULTS_DIR}/touch-name-390.png` })
  })

  it('the dot vote, open and closed, has no control under 44 px', async () => {
    // A board of its own: the open vote does not reach the other tests'.
    const voteId = await importCxl(h, readFileSync(REAL_CXL))
    const open = async (role: 'customer' | 'facilitator', name: string) =>
      openBoard(await h.newContext(PHONE), (await h.server.invite(voteId, role, name)).url)
    const fay = await open('facilitator', 'Fay Facilitator')
    const cal = await open('customer', 'Cal Customer')
    await fay.locator('cg-facilitator-bar summary').tap()
    await fay.getByRole('button', { name: 'Dot vote', exact: true }).tap()
    const panel = cal.locator('cg-vote-panel')
    await expect.poll(() => panel.locator('.left').innerText().catch(() => ''), { timeout: 5000 }).toBe('3 of 3 dots left')
    // Show list, Voting on the map and each − and + were 32 px tall (− and + 34 px wide).
    expect(await smallControls(cal), 'the vote, folded').toEqual([])
    await panel.getByRole('button', { name: 'Show list' }).tap()
    await panel.locator('li').first().waitFor()
    expect(await smallControls(cal), 'the vote with its list').toEqual([])
    await panel.getByRole('button', { name: /^Put a dot on / }).first().tap()
    await expect.poll(() => panel.locator('.left').innerText()).toBe('2 of 3 dots left')
    await cal.screenshot({ path: `${RESULTS_DIR}/touch-vote-390.png` })

    await fay.getByRole('button', { name: 'Close vote' }).tap()
    await panel.getByRole('heading', { name: /^Results: / }).waitFor({ timeout: 5000 })
    // Its Close was 32 px tall.
    expect(await smallControls(cal), 'the results').toEqual([])
    await cal.screenshot({ path: `${RESULTS_DIR}/touch-vote-results-390.png` })
  })
})

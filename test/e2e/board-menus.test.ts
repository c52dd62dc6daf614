import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { RESULTS_DIR } from '../support/browser'
import { footerRows } from '../support/footer-rows'
import { openBoard, useHarness } from './harness'

const DESKTOP = { viewport: { width: 1280, height: 800 } }
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }

/** Whether every corner of the element's box is on screen. */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox()
  const size = page.viewportSize()!
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height
}

describe('board: menus and dialogs inside the viewport; leaving', () => {
  const h = useHarness()

  async function context(options: typeof DESKTOP | typeof PHONE): Promise<BrowserContext> {
    const ctx = await h.newContext(options)
    return ctx
  }

  for (const [size, options] of [['1280×800', DESKTOP], ['a 390×844 phone', PHONE]] as const) {
    it(`opens the Export menu and the help dialog on screen at ${size}`, async () => {
      // Two concepts and no link yet: no propositions to write as text.
      const file = { meta: { title: 'Menus', focusQuestion: 'What makes a good visit?' }, concepts: [{ id: 'a', label: 'Parking', x: 0, y: 0 }, { id: 'b', label: 'Staff', x: 200, y: 0 }] }
      const imported = await h.server.api('/api/boards/import?format=json', { method: 'POST', body: JSON.stringify({ format: 'common-ground/board-map', version: 1, ...file, links: [] }) })
      const { id } = (await imported.json()) as { id: string }
      const b = await h.server.invite(id, 'brand', 'Bea Brand')
      const page = await openBoard(await context(options), b.url)
      await page.locator('cg-export-menu summary').click()
      await page.getByRole('button', { name: 'Mermaid diagram' }).waitFor()
      expect(await onScreen(page, 'cg-export-menu ul')).toBe(true)
      // Every choice can be reached where it is.
      await page.getByRole('button', { name: 'Picture (PNG)' }).click({ trial: true, timeout: 2000 })
      await page.getByRole('button', { name: 'Mermaid diagram' }).click({ trial: true, timeout: 2000 })
      // A choice downloads the file through a single-use ticket: no token in any export URL.
      const exportUrls: string[] = []
      page.on('request', (r) => {
        if (r.url().includes('/export')) exportUrls.push(r.url())
      })
      // Propositions as text of a map without any: the menu says so (and why) instead of downloading an empty file.
      await page.getByRole('button', { name: 'Propositions as text' }).click()
      const note = page.locator('cg-export-menu .note')
      await expect.poll(() => note.textContent({ timeout: 500 }).catch(() => null)).toBe('No propositions yet: this map has 2 concepts and no links. The text file would be empty, so nothing was downloaded.')
      expect(await note.getAttribute('role')).toBe('alert')
      await expect.poll(() => onScreen(page, 'cg-export-menu ul')).toBe(true)
      await page.screenshot({ path: `${RESULTS_DIR}/board-menus-empty-text-${options.viewport.width}.png` })
      expect(exportUrls).toEqual([])
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Mermaid diagram' }).click()])
      expect(download.suggestedFilename()).toMatch(/\.mmd$/)
      expect(exportUrls.some((u) => u.includes('/export-tickets'))).toBe(true)
      expect(download.url()).toMatch(/\/export\?.*ticket=/)
      expect([...exportUrls, download.url()].filter((u) => u.includes('token='))).toEqual([])
      // The choice made, the menu closes and focus goes back to its button (it stayed open before).
      await expect.poll(() => page.locator('cg-export-menu details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false)
      expect(await page.locator('cg-export-menu summary').evaluate((s) => s.matches(':focus'))).toBe(true)

      // On a phone the help is in the toolbar's More menu.
      if (options === PHONE) await page.getByRole('button', { name: 'More tools' }).click()
      await page.getByRole(options === PHONE ? 'menuitem' : 'button', { name: 'Keyboard shortcuts' }).click()
      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
      await dialog.waitFor()
      // Opened at its start: the title is on screen, nothing scrolled.
      expect(await onScreen(page, 'cg-help-dialog h2')).toBe(true)
      expect(await page.locator('cg-help-dialog dialog').evaluate((d) => d.scrollTop)).toBe(0)
      expect(await onScreen(page, 'cg-help-dialog dialog')).toBe(true)
      // The descriptions read as lines, not a narrow column beside the keys (170 px at 1280 before).
      const described = (await page.locator('cg-help-dialog dd').first().boundingBox())!
      expect(described.width).toBeGreaterThanOrEqual(options === PHONE ? 300 : 320)
    })
  }

  it('opens the facilitator’s More menu, the Export menu and the toolbar’s More menu whole on screen on a phone upright and on its side', async () => {
    // On its side (844 × 390) the facilitator's menu ran off the bottom: it was measured before being
    // placed, narrower, so it wrapped to fewer lines than it showed.
    const LANDSCAPE = { viewport: { width: 844, height: 390 }, hasTouch: true, isMobile: true }
    const { id } = await h.server.createBoard('Menus', 'What makes a good visit?')
    for (const options of [LANDSCAPE, PHONE]) {
      const page = await openBoard(await context(options), (await h.server.invite(id, 'facilitator', 'Fran Facilitator')).url)
      // The footer keeps to one row here, its controls and Export side by side (the map needs the height).
      const footer = async () => {
        const { rows, shown } = await footerRows(page)
        return { rows, bar: shown.includes('Start session') && shown.includes('More') }
      }
      await expect.poll(footer, { message: `footer at ${options.viewport.width}` }).toEqual({ rows: 1, bar: true })
      const more = page.locator('cg-facilitator-bar summary', { hasText: 'More' })
      await more.tap()
      await page.getByRole('button', { name: 'Take a snapshot' }).waitFor()
      const name = `${options.viewport.width}×${options.viewport.height}`
      expect(await onScreen(page, 'cg-facilitator-bar .menu'), `facilitator menu at ${name}`).toBe(true)
      // Opening the report (a new tab) closes the menu, as any choice in it does.
      const [report] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: /Open report/ }).tap()])
      await report.close()
      await expect.poll(() => page.locator('cg-facilitator-bar details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false)
      await page.locator('cg-export-menu summary').tap()
      await page.getByRole('button', { name: 'Mermaid diagram' }).waitFor()
      // Placed once it has opened (a frame later on a busy machine: fresh-clone CI once measured it before).
      await expect.poll(() => onScreen(page, 'cg-export-menu ul'), { message: `export menu at ${name}` }).toBe(true)
      await page.locator('cg-export-menu summary').tap()
      await page.getByRole('button', { name: 'More tools' }).tap()
      await page.getByRole('menuitem', { name: 'Paste', exact: true }).waitFor()
      expect(await onScreen(page, 'cg-toolbar [role="menu"]'), `toolbar menu at ${name}`).toBe(true)
    }
  })

  it('after Leave, says the person has left and shows no board to act on; Rejoin brings it back', async () => {
    const { id } = await h.server.createBoard('Leaving', 'What builds trust?')
    const b = await h.server.invite(id, 'brand', 'Bea Brand')
    const page = await openBoard(await context(DESKTOP), b.url)
    await page.getByRole('button', { name: 'Leave' }).click()
    await page.getByRole('button', { name: 'Skip' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'You have left this board' }).isVisible()).toBe(true)
    expect(await page.getByText('What builds trust?').isVisible()).toBe(true)
    // Nothing live is left: no map, no toolbar, no status that reads as connected.
    expect(await page.locator('cg-canvas').count()).toBe(0)
    expect(await page.getByRole('toolbar').count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Add concept' }).count()).toBe(0)
    await page.getByRole('button', { name: 'Rejoin the board' }).click()
    await expect.poll(() => page.locator('cg-status .text').innerText().catch(() => '')).toMatch(/All changes saved|Connected/)
    expect(await page.getByRole('button', { name: 'Add concept' }).count()).toBe(1)
  })
})

import type { BrowserContextOptions, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { concept, doubleTap, openBoard, openImportedCxl, useHarness } from './harness'
import { largeSecurityCmap } from '../support/large-cmap'
import { overlap } from '../support/rects'
import { RESULTS_DIR } from '../support/browser'

// The colour and shape panel floats over the map (at the bottom on a phone, top left on a desktop):
// the concept it restyles must stay in sight beside it, not under it, when it is selected and again
// after it was renamed (the panel comes back when the editor closes). The panel moves to the other
// side, not the map: a double tap's second tap must land where the first did.

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } }

describe('board: the colour panel never covers the concept it restyles', () => {
  const h = useHarness()

  async function open(options: BrowserContextOptions): Promise<Page> {
    const concepts = [{ id: 'a', label: 'Price', x: 0, y: 0 }, { id: 'b', label: 'Trust', x: 260, y: 0 }]
    const res = await h.server.api('/api/boards/import?format=json', { method: 'POST', body: JSON.stringify({ concepts, links: [] }), headers: { 'content-type': 'application/json' } })
    const { id } = (await res.json()) as { id: string }
    const ctx = await h.newContext(options)
    const page = await openBoard(ctx, (await h.server.invite(id, 'customer', 'Carla Customer')).url)
    await concept(page, 'Price').waitFor()
    return page
  }

  /** Pans so that Price's centre is at (x, y) of the canvas. */
  async function placePrice(page: Page, x: number, y: number): Promise<void> {
    await page.evaluate((at) => {
      const canvas = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!
      canvas.setViewport({ zoom: 1, ...at })
    }, { x, y })
    await page.waitForTimeout(200)
  }

  async function expectClear(page: Page, label: string): Promise<void> {
    const panel = page.locator('cg-style-panel')
    await panel.waitFor()
    // The panel appears, then moves aside (a frame or a few later).
    const under = async () => overlap((await panel.boundingBox())!, (await concept(page, label).boundingBox())!)
    await expect.poll(under, { message: `${label} under the colour panel` }).toBe(false)
    const c = (await concept(page, label).boundingBox())!
    const canvas = (await page.locator('cg-canvas').boundingBox())!
    expect(c.y).toBeGreaterThanOrEqual(canvas.y)
    expect(c.y + c.height).toBeLessThanOrEqual(canvas.y + canvas.height)
  }

  it('on a 390 × 844 phone, a concept tapped low on the screen is not under the panel, a double tap there renames it, and it stays clear after', async () => {
    const page = await open(PHONE)
    const canvas = (await page.locator('cg-canvas').boundingBox())!
    // Price near the canvas's bottom, where the panel opens.
    await placePrice(page, 195, canvas.height - 90)
    const box = (await concept(page, 'Price').boundingBox())!
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2)
    await expectClear(page, 'Price')
    expect(await concept(page, 'Price').boundingBox(), 'the concept stays where it was tapped').toEqual(box)
    await page.screenshot({ path: '/tmp/i20-style-panel-phone-tap.png' })

    await doubleTap(page, box.x + box.width / 2, box.y + box.height / 2)
    const editor = page.locator('cg-label-editor textarea')
    await editor.waitFor()
    await editor.fill('A fair price for everyone')
    await page.keyboard.press('Enter')
    await expectClear(page, 'A fair price for everyone')
    await page.screenshot({ path: '/tmp/i20-style-panel-phone-renamed.png' })
  })

  it('on a 390 × 844 phone, a concept made by a double tap low on the map is not under the panel that opens for it', async () => {
    const page = await open(PHONE)
    const canvas = (await page.locator('cg-canvas').boundingBox())!
    // Empty map low on the screen, where the panel opens: the new concept appears a render or two later.
    const at = { x: 120, y: canvas.y + canvas.height - 70 }
    await doubleTap(page, at.x, at.y)
    await page.locator('cg-label-editor textarea').waitFor()
    await page.keyboard.type('Quick answers')
    await page.keyboard.press('Enter')
    await concept(page, 'Quick answers').waitFor()
    await expectClear(page, 'Quick answers')
    await page.screenshot({ path: '/tmp/i20-style-panel-phone-new.png' })
  })

  it('on a 390 × 844 phone with the overview of a large map open, the panel does not cover the overview', async () => {
    const page = await openImportedCxl(h, largeSecurityCmap().xml, PHONE)
    await page.getByRole('button', { name: 'More tools' }).tap()
    await page.getByRole('menuitemcheckbox', { name: /Overview/ }).tap()
    const overview = page.locator('cg-minimap canvas')
    await overview.waitFor()
    await concept(page, 'MD5').tap()
    await page.locator('cg-style-panel').waitFor()
    const covered = async () => overlap((await page.locator('cg-style-panel').boundingBox())!, (await overview.boundingBox())!)
    await expect.poll(covered, { message: 'the overview under the colour panel' }).toBe(false)
    await expectClear(page, 'MD5')
    await page.screenshot({ path: '/tmp/i20-style-panel-phone-overview.png' })
  })

  it('at 1280 × 800, a concept clicked at the top left is not under the panel there, a double-click renames it, and the panel keeps off an open find bar', async () => {
    const page = await open(DESKTOP)
    await placePrice(page, 60, 30)
    await concept(page, 'Price').click()
    await expectClear(page, 'Price')
    await concept(page, 'Price').dblclick()
    await page.locator('cg-label-editor textarea').fill('Fair price')
    await page.keyboard.press('Enter')
    await expectClear(page, 'Fair price')
    await page.screenshot({ path: '/tmp/i20-style-panel-desktop.png' })

    // With the find bar open at the top right, the panel does not go over it.
    await page.keyboard.press('Escape')
    await page.keyboard.press('Control+f')
    await page.getByRole('searchbox', { name: 'Find on the map' }).waitFor()
    await concept(page, 'Fair price').click()
    await page.locator('cg-style-panel').waitFor()
    await page.waitForTimeout(400)
    const find = (await page.locator('cg-find-bar').boundingBox())!
    expect(overlap((await page.locator('cg-style-panel').boundingBox())!, find), 'panel over the find bar').toBe(false)
  })

  // Beside the live view (720 px leaves the map 340) the shapes wrap under the fills, and the divider
  // between them stayed at the end of the fills' row, a line leading to nothing.
  it('wraps beside an open side panel with no divider ending the fills’ row; in one row at 1280 × 800 the divider stands between', async () => {
    const concepts = [{ id: 'a', label: 'Price', x: 0, y: 0 }]
    const res = await h.server.api('/api/boards/import?format=json', { method: 'POST', body: JSON.stringify({ concepts, links: [] }), headers: { 'content-type': 'application/json' } })
    const { id } = (await res.json()) as { id: string }
    const url = (await h.server.invite(id, 'facilitator', 'Fay Facilitator')).url
    /** The panel's rows, and whether its divider shows (inside the panel) between the last fill and the first shape. */
    const divider = (page: Page) => page.locator('cg-style-panel').evaluate((host) => {
      const r = (el: Element) => el.getBoundingClientRect()
      const root = host.shadowRoot!
      const [panel, gap, shape] = [r(host), r(root.querySelector('.gap')!), r(root.querySelector('button:not(.swatch)')!)]
      const fill = r([...root.querySelectorAll('button.swatch')].at(-1)!)
      const shown = gap.left >= panel.left && gap.right <= panel.right
      return { rows: shape.top >= fill.bottom ? 2 : 1, shown, between: shown && gap.left > fill.right && gap.right < shape.left }
    })
    for (const [width, height, side, rows] of [[720, 720, 'beside the live view', 2], [1280, 800, 'alone', 1]] as const) {
      const page = await openBoard(await h.newContext({ viewport: { width, height } }), url)
      await concept(page, 'Price').click()
      await page.locator('cg-style-panel').waitFor()
      // Opened with the concept selected: the panel, in one row, wraps as the live view takes its room.
      if (rows === 2) {
        await page.getByRole('button', { name: 'Live view', exact: true }).click()
        await page.locator('cg-live-panel').waitFor()
      }
      const d = await divider(page)
      expect(d.rows, `rows ${side}`).toBe(rows)
      expect(d.shown, `the divider shown ${side}`).toBe(rows === 1)
      if (rows === 1) expect(d.between, 'the divider between the fills and the shapes').toBe(true)
      await page.screenshot({ path: `${RESULTS_DIR}/style-panel-divider-${width}.png` })
    }
  })
})

import type { BrowserContextOptions, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { largeSecurityCmap } from '../support/large-cmap'
import { RESULTS_DIR } from '../support/browser'
import { unreachable } from '../support/reach'
import { overlap } from '../support/rects'
import { importCxl, openBoard, useHarness, openImportedCxl } from './harness'

// A large map has an overview (minimap). On a desktop it sits in the corner; on a phone or in a narrow
// frame it would cover much of the map, so it shows when asked for, from the toolbar's More menu, and
// works by touch there: the menu item and the overview are full touch targets, a tap moves the view.

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }
const FRAME: BrowserContextOptions = { viewport: { width: 600, height: 520 } }
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } }

const canvasView = (page: Page) =>
  page.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.viewport)

/** How many of the overview's pixels are painted (0 for an empty or hidden overview). */
const painted = (page: Page) =>
  page.locator('cg-minimap canvas').evaluate((el: HTMLCanvasElement) => {
    const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data
    let n = 0
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++
    return n
  })

describe('board: the overview of a large map, on a desktop, a phone and a narrow frame', () => {
  const h = useHarness()

  async function large(options: BrowserContextOptions) {
    const page = await openImportedCxl(h, largeSecurityCmap().xml, options)
    await page.locator('cg-minimap').waitFor({ state: 'attached' })
    return page
  }

  for (const [size, options] of [['390 × 844 touch', PHONE], ['600 px frame', FRAME]] as const) {
    it(`shows the overview from the More menu at ${size}, usable by touch, and hides it again`, async () => {
      const page = await large(options)
      const touch = options === PHONE
      const tap = (l: ReturnType<Page['getByRole']>) => (touch ? l.tap() : l.click())
      const overview = page.locator('cg-minimap canvas')
      // Not shown until asked for: it would cover much of a small map.
      expect(await overview.isVisible()).toBe(false)

      await tap(page.getByRole('button', { name: 'More tools' }))
      const item = page.getByRole('menuitemcheckbox', { name: 'Overview of the map' })
      expect(await item.getAttribute('aria-checked')).toBe('false')
      const itemBox = (await item.boundingBox())!
      if (touch) expect(Math.min(itemBox.width, itemBox.height)).toBeGreaterThanOrEqual(44)
      await tap(item)

      await expect.poll(() => overview.isVisible()).toBe(true)
      await expect.poll(() => painted(page)).toBeGreaterThan(100)
      const box = (await overview.boundingBox())!
      const map = (await page.locator('cg-canvas').boundingBox())!
      const toolbar = (await page.locator('cg-toolbar').boundingBox())!
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44)
      // Inside the map's area, clear of the toolbar, and a small part of it.
      expect(box.x >= map.x && box.y >= map.y && box.x + box.width <= map.x + map.width && box.y + box.height <= map.y + map.height).toBe(true)
      expect(box.y + box.height <= toolbar.y || box.y >= toolbar.y + toolbar.height).toBe(true)
      expect(box.width * box.height).toBeLessThan((map.width * map.height) / 4)
      await page.screenshot({ path: `/tmp/i20-overview-${options.viewport!.width}.png` })

      // A tap on the overview's far corner moves the view there: down and to the right of the map.
      const before = await canvasView(page)
      const corner = { x: box.x + box.width - 12, y: box.y + box.height - 12 }
      if (touch) await page.touchscreen.tap(corner.x, corner.y)
      else await page.mouse.click(corner.x, corner.y)
      await expect.poll(async () => (await canvasView(page)).y).toBeLessThan(before.y - 100)
      expect((await canvasView(page)).x).toBeLessThan(before.x)

      // The menu says it is shown, and hides it.
      await tap(page.getByRole('button', { name: 'More tools' }))
      expect(await item.getAttribute('aria-checked')).toBe('true')
      await page.screenshot({ path: `/tmp/i20-overview-menu-${options.viewport!.width}.png` })
      await tap(item)
      await expect.poll(() => overview.isVisible()).toBe(false)
    })
  }

  it('keeps the overview in the corner of a desktop board, with no menu needed, beside an open side panel', async () => {
    const id = await importCxl(h, largeSecurityCmap().xml)
    const page = await openBoard(await h.newContext(DESKTOP), (await h.server.invite(id, 'brand', 'Bea Brand')).url)
    await page.locator('cg-minimap').waitFor({ state: 'attached' })
    await expect.poll(() => page.locator('cg-minimap canvas').isVisible()).toBe(true)
    await expect.poll(() => painted(page)).toBeGreaterThan(100)
    // The More menu (copy, paste, duplicate) offers no overview here: it is in the corner already.
    await page.getByRole('button', { name: 'More tools' }).click()
    await page.getByRole('menuitem', { name: 'Copy', exact: true }).waitFor()
    expect(await page.getByRole('menuitemcheckbox', { name: /Overview/ }).isVisible()).toBe(false)
    // Its items one can use are none (nothing selected; the view tools are on the toolbar): focus stays
    // on More, and Escape there closes the menu as well.
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('menu', { name: 'More tools' }).count()).toBe(0)

    // Customer voice arrives: its panel opens by itself on a wide screen, over the map's right side. The
    // overview moves to the corner left of it (it was under the panel), whole and usable, at any size.
    const csv = 'text,author\nThe queue was long,Ana\nStaff were kind,Jo\n'
    expect((await h.server.api(`/api/boards/${id}/stream?format=csv`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } })).status).toBe(201)
    const panel = page.locator('cg-stream-panel')
    await panel.waitFor()
    for (const [width, height] of [[1280, 800], [900, 520], [720, 800]] as const) {
      await page.setViewportSize({ width, height })
      const where = `${width} × ${height}`
      await expect.poll(() => page.locator('cg-minimap canvas').isVisible(), { message: where }).toBe(true)
      await expect.poll(() => unreachable(page, ['cg-canvas', 'cg-minimap']), { timeout: 3000, message: where }).toEqual([])
      expect(overlap((await page.locator('cg-minimap').boundingBox())!, (await panel.boundingBox())!), where).toBe(false)
      await page.screenshot({ path: `${RESULTS_DIR}/overview-beside-stream-${width}x${height}.png` })
    }
  })

  it('frames the part of the map one sees beside an open side panel, and a press there centres it in that part', async () => {
    const id = await importCxl(h, largeSecurityCmap().xml)
    const page = await openBoard(await h.newContext(DESKTOP), (await h.server.invite(id, 'brand', 'Bea Brand')).url)
    await expect.poll(() => painted(page)).toBeGreaterThan(100)
    const csv = 'text,author\nThe queue was long,Ana\n'
    expect((await h.server.api(`/api/boards/${id}/stream?format=csv`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } })).status).toBe(201)
    const panel = (await page.locator('cg-stream-panel').boundingBox())!
    const map = (await page.locator('cg-canvas').boundingBox())!
    // Where the overview draws a map x, and where the map's part beside the panel ends in it.
    const drawn = () => page.locator('cg-minimap').evaluate((el) => {
      const { scale, origin } = el as unknown as { scale: number; origin: { x: number; y: number } }
      const c = el.shadowRoot!.querySelector('canvas')!
      const dpr = c.width / c.clientWidth
      const { data, width } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height)
      // The frame's stroke (#2563eb) is the only blue there; the concepts are slate.
      let right = -1
      for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 128 && data[i + 2]! > 180 && data[i]! < 120) right = Math.max(right, ((i / 4) % width) / dpr)
      return { scale, origin, right }
    })
    const free = panel.x - map.x
    await expect.poll(async () => {
      const [d, v] = [await drawn(), await canvasView(page)]
      return Math.abs(d.right - (d.origin.x + ((free - v.x) / v.zoom) * d.scale))
    }, { message: 'the frame’s right edge at the panel’s edge' }).toBeLessThan(2)
    await page.screenshot({ path: `${RESULTS_DIR}/overview-frame-beside-stream-1280.png` })

    const box = (await page.locator('cg-minimap canvas').boundingBox())!
    const { scale, origin } = await drawn()
    const at = { x: box.width / 3, y: box.height / 2 }
    await page.mouse.click(box.x + at.x, box.y + at.y)
    const pressed = (at.x - origin.x) / scale
    await expect.poll(async () => {
      const v = await canvasView(page)
      return Math.abs(pressed * v.zoom + v.x - free / 2)
    }, { message: 'the pressed point in the middle of the map beside the panel' }).toBeLessThan(2)
  })

  // Only the view moving or .free resizing (a side panel) measured the free part again: the frame kept
  // the old part while the vote panel opened, folded or unfolded, or Find opened, until the next pan.
  it('keeps the frame to the free part as the vote panel opens, folds and unfolds and Find opens, the view still', async () => {
    const id = await importCxl(h, largeSecurityCmap().xml)
    const page = await openBoard(await h.newContext(DESKTOP), (await h.server.invite(id, 'brand', 'Bea Brand')).url)
    await expect.poll(() => painted(page)).toBeGreaterThan(100)
    // The frame's top left as drawn (its stroke, #2563eb, the only blue there) and as the free part puts it.
    const frame = () => page.evaluate(() => {
      const canvas = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!
      const el = canvas.shadowRoot!.querySelector('cg-minimap')!
      const { scale, origin } = el as unknown as { scale: number; origin: { x: number; y: number } }
      const c = el.shadowRoot!.querySelector('canvas')!
      const dpr = c.width / c.clientWidth
      const { data, width } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height)
      let [left, top] = [Infinity, Infinity]
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! <= 128 || data[i + 2]! <= 180 || data[i]! >= 120) continue
        left = Math.min(left, ((i / 4) % width) / dpr)
        top = Math.min(top, Math.floor(i / 4 / width) / dpr)
      }
      const [v, free] = [canvas.viewport, canvas.freeView()]
      const off = Math.max(Math.abs(left - (origin.x + ((free.left - v.x) / v.zoom) * scale)), Math.abs(top - (origin.y + ((free.top - v.y) / v.zoom) * scale)))
      return { off, free }
    })
    const kept = async (message: string) => {
      await expect.poll(async () => (await frame()).off, { message: `the frame’s top left where the free part’s is, ${message}` }).toBeLessThan(2)
      return (await frame()).free
    }
    const view = await canvasView(page)
    await kept('at first')
    expect((await h.server.api(`/api/boards/${id}/vote-rounds`, { method: 'POST', body: '{}' })).status).toBe(201)
    await page.locator('cg-vote-panel').waitFor()
    expect((await kept('beside the vote panel’s list')).left).toBeGreaterThan(300)
    await page.screenshot({ path: `${RESULTS_DIR}/overview-frame-beside-vote-1280.png` })
    await page.getByRole('button', { name: 'Hide list' }).click()
    expect((await kept('the vote panel folded')).left).toBe(0)
    await page.getByRole('button', { name: 'Show list' }).click()
    expect((await kept('the vote panel unfolded')).left).toBeGreaterThan(300)
    await page.keyboard.press('Control+f')
    await page.locator('cg-find-bar').waitFor()
    expect((await kept('under the find bar')).top).toBeGreaterThan(50)
    await page.screenshot({ path: `${RESULTS_DIR}/overview-frame-vote-find-1280.png` })
    expect(await canvasView(page), 'the view never moved').toEqual(view)
  })
})

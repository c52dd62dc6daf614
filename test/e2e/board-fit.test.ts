import { readFileSync } from 'node:fs'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { RESULTS_DIR } from '../support/browser'
import { largeSecurityCmap } from '../support/large-cmap'
import { REAL_CXL as REAL } from '../support/shared-fixtures'
import { importCxl, openBoard, useHarness, openImportedCxl } from './harness'
import { overlap } from '../support/rects'

// Fit, as people expect of a whiteboard: the map at a zoom its labels read at (all of it when it
// can be, else its top from the root concept, the overview showing the rest), and no concept under
// the toolbar. The first view follows the same rule, on a desktop, a touch phone and a 600 px board.

const SIZES = [
  { name: '1280 × 800', viewport: { width: 1280, height: 800 }, touch: false },
  { name: '390 × 844 touch', viewport: { width: 390, height: 844 }, touch: true },
  // As wide as the embed's frame: the board follows its own width (see embed.test.ts).
  { name: '600 × 520', viewport: { width: 600, height: 520 }, touch: false }
] as const

type Size = (typeof SIZES)[number]

interface Seen {
  zoom: number
  far: boolean
  /** The smallest label (concept or phrase) on screen, in CSS pixels after the zoom. */
  smallestText: number
  /** Whether concept labels are painted (not transparent). */
  painted: boolean
  stage: { x: number; y: number; width: number; height: number }
  concepts: { text: string; x: number; y: number; width: number; height: number }[]
}

function seen(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    const board = document.querySelector('cg-board')!.shadowRoot!
    const canvas = board.querySelector('cg-canvas')!
    const root = canvas.shadowRoot!
    const zoom = canvas.viewport.zoom
    const labels = [...root.querySelectorAll('cg-concept .label, cg-link:not(.hub-member) .link-label')]
    const box = root.querySelector('cg-concept .box')!
    const rect = (el: Element) => {
      const r = el.getBoundingClientRect()
      return { x: r.x, y: r.y, width: r.width, height: r.height }
    }
    return {
      zoom,
      far: root.querySelector('.world')!.classList.contains('far'),
      smallestText: Math.min(...labels.map((el) => parseFloat(getComputedStyle(el).fontSize))) * zoom,
      painted: getComputedStyle(box).color !== 'rgba(0, 0, 0, 0)',
      stage: rect(board.querySelector('.stage')!),
      concepts: [...root.querySelectorAll('cg-concept .box')].map((el) => ({ text: el.querySelector('.label')!.textContent!, ...rect(el) }))
    }
  })
}

describe('board: fit and the first view read well', () => {
  const h = useHarness()

  async function imported(xml: string, size: Size) {
    const page = await openImportedCxl(h, xml, { viewport: size.viewport, hasTouch: size.touch, isMobile: size.touch })
    await expect.poll(async () => (await seen(page)).concepts.length).toBeGreaterThan(0)
    return page
  }

  /** Labels shown and readable, the root on screen near the top, and no concept under the toolbar. */
  async function readable(page: Page, size: Size, root: string) {
    // The view settles (a fit lands on the next frame, an auto-layout moves concepts over a few, the
    // far class goes once movement ends): read it once two reads 200 ms apart agree, which on a
    // loaded machine can take longer than any fixed wait.
    let s = await seen(page)
    await expect.poll(async () => {
      await page.waitForTimeout(200)
      const before = JSON.stringify(s)
      s = await seen(page)
      return JSON.stringify(s) === before && !s.far
    }, { timeout: 10_000 }).toBe(true)
    expect(s.far).toBe(false)
    expect(s.painted).toBe(true)
    expect(s.smallestText).toBeGreaterThanOrEqual(9)
    const top = s.concepts.find((c) => c.text === root)!
    expect(top.x).toBeGreaterThanOrEqual(s.stage.x)
    expect(top.x + top.width).toBeLessThanOrEqual(s.stage.x + s.stage.width)
    expect(top.y).toBeGreaterThanOrEqual(s.stage.y)
    expect(top.y + top.height).toBeLessThanOrEqual(s.stage.y + s.stage.height / 2)
    const toolbar = (await page.locator('cg-toolbar').boundingBox())!
    const under = s.concepts.filter((c) => overlap(c, toolbar)).map((c) => c.text)
    expect(under, 'concepts under the toolbar').toEqual([])
    return s
  }

  /** A toolbar tool, from the More menu where a narrow toolbar keeps it. */
  const press = async (page: Page, size: Size, name: RegExp) => {
    const tap = async (l: ReturnType<Page['getByRole']>) => (size.touch ? l.tap() : l.click())
    const button = page.getByRole('button', { name })
    if (await button.isVisible()) return tap(button)
    await tap(page.getByRole('button', { name: 'More tools' }))
    await tap(page.getByRole('menuitem', { name }))
  }

  for (const size of SIZES) {
    it(`fits a 145-concept CmapTools map at ${size.name} readable from its root, no concept under the toolbar`, async () => {
      const page = await imported(largeSecurityCmap().xml, size)
      // The first view already reads so.
      await readable(page, size, 'Cryptography')
      await page.screenshot({ path: `${RESULTS_DIR}/fit-large-first-${size.viewport.width}.png` })

      // Zoomed far out, Fit comes back to a readable view of the top rather than to all of it at 29 %.
      await page.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.zoomTo(0.2))
      await expect.poll(async () => (await seen(page)).zoom).toBeLessThan(0.3)
      await press(page, size, /^Fit/)
      await expect.poll(async () => (await seen(page)).zoom).toBeGreaterThan(0.3)
      await readable(page, size, 'Cryptography')
      // The overview shows the rest where there is room for it.
      if (size.viewport.width > 600) await expect.poll(() => page.locator('cg-minimap canvas').isVisible()).toBe(true)
      await page.screenshot({ path: `${RESULTS_DIR}/fit-large-${size.viewport.width}.png` })

      // Auto-layout fits the new layout by the same rule.
      // Laid out: the concepts' places on the map change (where the root lands on screen may not:
      // both fits centre it).
      const places = () => page.evaluate(() => [...document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.boxes.values()].map((b) => `${b.x},${b.y}`).join(' '))
      const before = await places()
      await press(page, size, /^Auto-layout/)
      await expect.poll(places, { timeout: 5000 }).not.toBe(before)
      await readable(page, size, 'Cryptography')
      await page.screenshot({ path: `${RESULTS_DIR}/fit-large-layout-${size.viewport.width}.png` })
    })
  }

  it('fits all of a map that reads whole at 1280 × 800: every concept on screen, none under the toolbar', async () => {
    const page = await imported(readFileSync(REAL, 'utf8'), SIZES[0])
    await page.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.zoomTo(0.2))
    await press(page, SIZES[0], /^Fit/)
    const s = await readable(page, SIZES[0], 'Entrepreneurial Mindset')
    for (const c of s.concepts) {
      expect(c.x >= s.stage.x && c.x + c.width <= s.stage.x + s.stage.width, `${c.text} across a side`).toBe(true)
      expect(c.y >= s.stage.y && c.y + c.height <= s.stage.y + s.stage.height, `${c.text} across the top or bottom`).toBe(true)
    }
    await page.screenshot({ path: `${RESULTS_DIR}/fit-real-1280.png` })
  })

  /** Zoomed far out, then Fit: the labels of the real map's concepts that lie under `overlay` (read at a readable zoom). */
  async function conceptsUnderAfterFit(page: Page, size: Size, overlay: Locator): Promise<string[]> {
    await page.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.zoomTo(0.2))
    await press(page, size, /^Fit/)
    const s = await readable(page, size, 'Entrepreneurial Mindset')
    const box = (await overlay.boundingBox())!
    return s.concepts.filter((c) => overlap(c, box)).map((c) => c.text)
  }

  // The dot vote's panel floats over the map's top left (across a phone's top) while a round is open.
  for (const size of SIZES.slice(0, 2)) {
    it(`fits clear of an open dot vote's panel at ${size.name}`, async () => {
      const page = await imported(readFileSync(REAL, 'utf8'), size)
      const id = (await page.evaluate(() => document.querySelector('cg-board')!.boardId))
      expect((await h.server.api(`/api/boards/${id}/vote-rounds`, { method: 'POST', body: '{}' })).status).toBe(201)
      const panel = page.locator('cg-vote-panel')
      await panel.waitFor()
      expect(await conceptsUnderAfterFit(page, size, panel), 'concepts under the vote panel').toEqual([])
      await page.screenshot({ path: `${RESULTS_DIR}/fit-vote-${size.viewport.width}.png` })
    })
  }

  // Find keeps the top right of the map's free part (on a phone, its top): the root of a fitted map went
  // under it at 1280 × 800 beside the facilitator's live view.
  for (const size of SIZES.slice(0, 2)) {
    it(`fits clear of an open find bar at ${size.name}${size.touch ? '' : ' beside the live view'}`, async () => {
      const id = await importCxl(h, readFileSync(REAL, 'utf8'))
      const ctx = await h.newContext({ viewport: size.viewport, hasTouch: size.touch, isMobile: size.touch })
      const page = await openBoard(ctx, (await h.server.invite(id, size.touch ? 'brand' : 'facilitator', 'Fay')).url)
      if (!size.touch) {
        await page.getByRole('button', { name: 'Live view', exact: true }).click()
        await page.locator('cg-live-panel').waitFor()
      }
      await press(page, size, /^Find/)
      const bar = page.locator('cg-find-bar')
      await bar.waitFor()
      expect(await conceptsUnderAfterFit(page, size, bar), 'concepts under the find bar').toEqual([])
      await page.screenshot({ path: `${RESULTS_DIR}/fit-find-${size.viewport.width}.png` })
    })
  }
})

import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { largeSecurityCmap } from '../support/large-cmap'
import { REAL_CXL } from '../support/shared-fixtures'
import { useHarness, openImportedCxl } from './harness'
import { overlap } from '../support/rects'

// Fit keeps the linking phrases in sight as well as the concepts: a phrase under the toolbar, or cut
// by the edge of a narrow frame, leaves a proposition half read. Checked where room is short: a 600 px
// frame (as wide as the embed) and a 390 × 844 touch phone; at 1280 × 800 for the screenshots.

const SIZES = [
  { name: '600 × 520', viewport: { width: 600, height: 520 }, touch: false },
  { name: '390 × 844 touch', viewport: { width: 390, height: 844 }, touch: true },
  { name: '1280 × 800', viewport: { width: 1280, height: 800 }, touch: false }
] as const

type Size = (typeof SIZES)[number]

interface Rect {
  text: string
  x: number
  y: number
  width: number
  height: number
}

/** The shown phrases and concepts, the canvas the map is drawn in, and the toolbar. */
function seen(page: Page) {
  return page.evaluate(() => {
    const board = document.querySelector('cg-board')!.shadowRoot!
    const root = board.querySelector('cg-canvas')!.shadowRoot!
    const rect = (el: Element) => {
      const r = el.getBoundingClientRect()
      return { text: el.textContent ?? '', x: r.x, y: r.y, width: r.width, height: r.height }
    }
    return {
      phrases: [...root.querySelectorAll('cg-link:not(.hub-member) .link-label')].map(rect),
      concepts: [...root.querySelectorAll('cg-concept .box')].map(rect),
      canvas: rect(board.querySelector('cg-canvas')!),
      toolbar: rect(board.querySelector('cg-toolbar')!)
    }
  })
}

/** The part of `a` inside `clip` (what of it the canvas shows), or null. */
function within(a: Rect, clip: Omit<Rect, 'text'>): Rect | null {
  const x = Math.max(a.x, clip.x)
  const y = Math.max(a.y, clip.y)
  const width = Math.min(a.x + a.width, clip.x + clip.width) - x
  const height = Math.min(a.y + a.height, clip.y + clip.height) - y
  return width > 0 && height > 0 ? { text: a.text, x, y, width, height } : null
}

type Edge = 'left' | 'top' | 'right' | 'bottom'

/** The edges of `b` that cut `a` (partly inside it, partly out). */
function cutBy(a: Omit<Rect, 'text'>, b: Omit<Rect, 'text'>): Edge[] {
  if (!overlap(a, b)) return []
  const edges: Edge[] = []
  if (a.x < b.x - 0.5) edges.push('left')
  if (a.y < b.y - 0.5) edges.push('top')
  if (a.x + a.width > b.x + b.width + 0.5) edges.push('right')
  if (a.y + a.height > b.y + b.height + 0.5) edges.push('bottom')
  return edges
}

/** The edges of the canvas some concept lies past: the map goes on there, so cut items are expected. */
function edgesPassed(concepts: readonly Rect[], canvas: Omit<Rect, 'text'>): Set<Edge> {
  const out = new Set<Edge>()
  for (const c of concepts) {
    if (c.x < canvas.x - 0.5) out.add('left')
    if (c.y < canvas.y - 0.5) out.add('top')
    if (c.x + c.width > canvas.x + canvas.width + 0.5) out.add('right')
    if (c.y + c.height > canvas.y + canvas.height + 0.5) out.add('bottom')
  }
  return out
}

describe('board: fit keeps linking phrases clear of the toolbar and the edges', () => {
  const h = useHarness()

  async function imported(xml: string, size: Size) {
    const page = await openImportedCxl(h, xml, { viewport: size.viewport, hasTouch: size.touch, isMobile: size.touch })
    await expect.poll(async () => (await seen(page)).phrases.length).toBeGreaterThan(0)
    return page
  }

  /** Zooms far out, then presses Fit (from the More menu where a narrow toolbar keeps it). */
  async function fit(page: Page, size: Size) {
    await page.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.zoomTo(0.2))
    const tap = async (l: ReturnType<Page['getByRole']>) => (size.touch ? l.tap() : l.click())
    const button = page.getByRole('button', { name: /^Fit/ })
    if (await button.isVisible()) await tap(button)
    else {
      await tap(page.getByRole('button', { name: 'More tools' }))
      await tap(page.getByRole('menuitem', { name: /^Fit/ }))
    }
    // The fit lands on the next frame; the view settles.
    await page.waitForTimeout(400)
  }

  const MAPS = [
    { name: 'the real CmapTools map', xml: () => readFileSync(REAL_CXL, 'utf8'), file: 'real' },
    { name: 'the 145-concept map', xml: () => largeSecurityCmap().xml, file: 'large' }
  ]

  for (const map of MAPS) {
    for (const size of SIZES) {
      it(`after Fit at ${size.name}, no phrase of ${map.name} is under the toolbar or cut by the canvas's edge`, async () => {
        const page = await imported(map.xml(), size)
        await fit(page, size)
        const s = await seen(page)
        expect(s.phrases.filter((p) => overlap(p, s.canvas)).length, 'phrases in view').toBeGreaterThan(0)
        // What the canvas shows of each: a phrase past its edge is clipped, not under the toolbar.
        const shown = (items: Rect[]) => items.flatMap((r) => within(r, s.canvas) ?? [])
        const passed = edgesPassed(s.concepts, s.canvas)
        expect(shown(s.concepts).filter((c) => overlap(c, s.toolbar)).map((c) => c.text), 'concepts under the toolbar').toEqual([])
        // On a phone and in a narrow frame the toolbar has its own row: nothing is ever under it. The
        // toolbar floating over a desktop's map leaves phrases under it only where the map goes on
        // below the screen (rows of concepts and phrases closer than the toolbar is tall).
        const floats = overlap(s.toolbar, s.canvas)
        expect(floats, 'toolbar over the map').toBe(size.viewport.width > 600)
        if (!floats || !passed.has('bottom')) {
          expect(shown(s.phrases).filter((p) => overlap(p, s.toolbar)).map((p) => p.text), 'phrases under the toolbar').toEqual([])
        }
        // A phrase is cut by an edge of the canvas only where the map goes on past it (a map too large
        // to read whole is shown from its top): never at the top, never where the whole map is in view.
        expect(passed.has('top'), 'concepts above the top').toBe(false)
        const cut = s.phrases.flatMap((p) => cutBy(p, s.canvas).filter((e) => !passed.has(e)).map((e) => `${p.text} (${e})`))
        expect(cut, 'phrases cut by an edge the map does not go past').toEqual([])
        await page.screenshot({ path: `/tmp/i20-fit-phrases-${map.file}-${size.viewport.width}.png` })
      })
    }
  }
})

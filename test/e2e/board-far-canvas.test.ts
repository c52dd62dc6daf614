import type { BrowserContextOptions, Page } from 'playwright-core'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESULTS_DIR } from '../support/browser'
import { stockClient, synced, waitFor } from '../support/clients'
import { seedMap } from '../bench/client/seed-map'
import { openBoard, useHarness } from './harness'

// Far out (below 30 %, where labels are unreadable) the map is drawn on one canvas and the DOM map
// is hidden but still there: what people see is the canvas, so these tests read its pixels.

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } }
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 }
const CONCEPTS = 300

type Rgba = [number, number, number, number]

/** The whole map on screen (as the client bench shows it): far below 30 % on these screens. */
function showAll(page: Page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!
    let minX = Infinity
    let minY = Infinity
    let maxX = -Infinity
    let maxY = -Infinity
    for (const b of canvas.boxes.values()) {
      minX = Math.min(minX, b.x - b.w / 2)
      maxX = Math.max(maxX, b.x + b.w / 2)
      minY = Math.min(minY, b.y - b.h / 2)
      maxY = Math.max(maxY, b.y + b.h / 2)
    }
    const s = canvas.viewportSize()
    const zoom = Math.max(0.1, Math.min(1, (s.w - 32) / (maxX - minX), (s.h - 300) / (maxY - minY)))
    canvas.setViewport({ zoom, x: s.w / 2 - ((minX + maxX) / 2) * zoom, y: (s.h - 72) / 2 - ((minY + maxY) / 2) * zoom })
    return zoom
  })
}

/** Where a map point is on the page. */
function onPage(page: Page, p: { x: number; y: number }) {
  return page.evaluate((p) => {
    const canvas = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!
    const r = canvas.getBoundingClientRect()
    const v = canvas.viewport
    return { x: r.left + v.x + p.x * v.zoom, y: r.top + v.y + p.y * v.zoom }
  }, p)
}

const boxOf = (page: Page, id: string) =>
  page.evaluate((id) => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.boxes.get(id)!, id)

/** The far canvas's pixels in a square of `r` page pixels around a page point (device pixels read, RGBA). */
function pixels(page: Page, at: { x: number; y: number }, r = 0): Promise<Rgba[]> {
  return page.evaluate(
    ({ at, r }) => {
      const root = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!
      const el = root.querySelector<HTMLCanvasElement>('.far-canvas')
      if (!el || el.hidden) return []
      const rect = el.getBoundingClientRect()
      const k = el.width / rect.width
      const x0 = Math.round((at.x - r - rect.left) * k)
      const y0 = Math.round((at.y - r - rect.top) * k)
      const n = Math.max(1, Math.round(2 * r * k))
      const data = el.getContext('2d')!.getImageData(x0, y0, n, n).data
      const out: number[][] = []
      for (let i = 0; i < data.length; i += 4) out.push([data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!])
      return out
    },
    { at, r }
  ) as Promise<Rgba[]>
}

/** How blue a patch is: selection draws in #2563eb and #93c5fd, the map's own ink is grey. */
const blueness = (px: Rgba[]) => px.reduce((s, [r, , b, a]) => s + Math.max(0, b - r) * (a / 255), 0)

/** Whether the map is drawn by the canvas (shown) and not by its transparent DOM. */
function farState(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!
    const canvas = root.querySelector<HTMLCanvasElement>('.far-canvas')!
    return { canvas: !canvas.hidden && canvas.width > 0, items: getComputedStyle(root.querySelector('.map > .group')!).visibility }
  })
}

describe('board: far out, the map is drawn on a canvas over a hidden DOM map', () => {
  const h = useHarness()
  let boardId: string
  let seeder: ReturnType<typeof stockClient>
  beforeAll(async () => {
    boardId = (await h.server.createBoard('Far', 'A map seen whole')).id
    seeder = stockClient(h.server.wsUrl, boardId, (await h.server.invite(boardId, 'brand', 'Seeder')).token)
    await synced(seeder)
    seedMap(seeder.doc, CONCEPTS, 450)
    await waitFor(() => seeder.doc.getMap('concepts').size === CONCEPTS, 30_000, 'seed')
  }, 60_000)
  afterAll(async () => {
    seeder?.destroy()
  })

  async function open(options: BrowserContextOptions, name: string): Promise<Page> {
    const ctx = await h.newContext(options)
    const page = await openBoard(ctx, (await h.server.invite(boardId, 'brand', name)).url)
    await expect.poll(() => page.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.concepts.size), { timeout: 10_000 }).toBe(CONCEPTS)
    expect(await showAll(page)).toBeLessThan(0.3)
    await expect.poll(() => farState(page), { timeout: 5000 }).toEqual({ canvas: true, items: 'hidden' })
    return page
  }

  const concepts = () => seeder.doc.getMap<Y.Map<unknown>>('concepts')

  it('shows a concept dragged at far zoom in one window moving on the canvas of another at the whole-map view', async () => {
    const mover = await open(DESKTOP, 'Mover')
    const watcher = await open(DESKTOP, 'Watcher')
    const from = await boxOf(watcher, 'c45')
    // Bare background below the map, under the middle of the map's width.
    let lowest = -Infinity
    for (const c of concepts().values()) lowest = Math.max(lowest, c.get('y') as number)
    const to = { x: from.x, y: lowest + 500 }
    const target = await onPage(watcher, to)
    expect((await pixels(watcher, target, 2)).every(([, , , a]) => a === 0)).toBe(true)
    await watcher.screenshot({ path: `${RESULTS_DIR}/far-canvas-before-1280.png` })

    // Dragged by the mover at far zoom: pressed on the concept as drawn on its canvas (found by geometry).
    const start = await onPage(mover, from)
    const end = await onPage(mover, to)
    expect(await pixels(mover, start)).toEqual([[255, 255, 255, 255]])
    await mover.mouse.move(start.x, start.y)
    await mover.mouse.down()
    for (let i = 1; i <= 10; i++) await mover.mouse.move(start.x + ((end.x - start.x) * i) / 10, start.y + ((end.y - start.y) * i) / 10)
    await mover.mouse.up()
    await waitFor(() => Math.abs((concepts().get('c45')!.get('y') as number) - to.y) < 20, 5000, 'the drag reaches the document')

    // The watcher's canvas draws the box (white fill, opaque) where there was nothing.
    await expect.poll(async () => (await pixels(watcher, target))[0], { timeout: 5000 }).toEqual([255, 255, 255, 255])
    await watcher.screenshot({ path: `${RESULTS_DIR}/far-canvas-after-1280.png` })
    expect(await farState(watcher)).toEqual({ canvas: true, items: 'hidden' })
  })

  it('draws remote moves, colours and selection far out, and gives the map back to the DOM near', async () => {
    const page = await open(DESKTOP, 'Viewer')
    const b = await boxOf(page, 'c130')
    const at = await onPage(page, b)
    expect(await pixels(page, at)).toEqual([[255, 255, 255, 255]])

    // Someone else recolours a concept: its fill on the canvas.
    concepts().get('c130')!.set('color', '#fde68a')
    await expect.poll(async () => (await pixels(page, at))[0], { timeout: 5000 }).toEqual([253, 230, 138, 255])

    // A click at far zoom selects the concept under it, drawn in blue, and focuses its (hidden) element.
    const zoom = await page.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.viewport.zoom)
    const around = (b.w * zoom) / 2 + 3
    const before = blueness(await pixels(page, at, around))
    await page.mouse.click(at.x, at.y)
    await expect.poll(() => page.evaluate(() => [...document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.selection])).toEqual(['c130'])
    await expect.poll(async () => blueness(await pixels(page, at, around)), { timeout: 5000 }).toBeGreaterThan(before + 200)
    await expect.poll(() => page.evaluate(() => (document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!.activeElement as HTMLElement | null)?.dataset.item)).toBe('c130')
    // The keyboard moves on from it, through the hidden map.
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => page.evaluate(() => (document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!.activeElement as HTMLElement | null)?.dataset.item)).not.toBe('c130')
    await page.keyboard.press('Escape')

    // Moved by someone else (the fast path, no render): the canvas follows.
    const moved = { x: b.x, y: b.y - 400 }
    concepts().get('c130')!.set('y', moved.y)
    const there = await onPage(page, moved)
    await expect.poll(async () => (await pixels(page, there))[0], { timeout: 5000 }).toEqual([253, 230, 138, 255])

    // Near again: no canvas, and the DOM map is drawn.
    await page.evaluate(() => {
      const canvas = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!
      canvas.setViewport({ ...canvas.viewport, zoom: 0.6 })
    })
    await expect.poll(() => farState(page), { timeout: 5000 }).toEqual({ canvas: false, items: 'visible' })
    concepts().get('c130')!.delete('color')
    concepts().get('c130')!.set('y', b.y)
  })

  it('measures a concept added far out once the view comes near, its box the size of its element', async () => {
    const page = await open(DESKTOP, 'Measurer')
    // Far out, the hidden map's groups skip their layout (content-visibility), but the one holding the
    // item with the roving tabindex: no other hidden item is laid out.
    const skipped = () =>
      page.evaluate(() => {
        const root = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!
        const groups = [...root.querySelectorAll('.map > .group')]
        return { groups: groups.length, skipped: groups.filter((g) => getComputedStyle(g).contentVisibility === 'hidden').length }
      })
    const far = await skipped()
    expect(far.skipped).toBeGreaterThan(0)
    expect(far.skipped).toBeGreaterThanOrEqual(far.groups - 1)
    const c = concepts().get('c10')!
    const m = new Y.Map<unknown>()
    m.set('label', 'A concept added while everyone looked at the whole map')
    m.set('x', c.get('x') as number)
    m.set('y', (c.get('y') as number) + 70)
    concepts().set('far-added', m)
    await expect.poll(() => page.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.concepts.has('far-added'))).toBe(true)
    const at = await onPage(page, { x: c.get('x') as number, y: (c.get('y') as number) + 70 })
    await expect.poll(async () => (await pixels(page, at))[0], { timeout: 5000 }).toEqual([255, 255, 255, 255])

    // Near: the DOM map is laid out again, the new concept's element measured and its box that size.
    await page.evaluate((p) => {
      const canvas = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!
      const s = canvas.viewportSize()
      canvas.setViewport({ zoom: 1, x: s.w / 2 - p.x, y: s.h / 2 - p.y })
    }, { x: c.get('x') as number, y: (c.get('y') as number) + 70 })
    await expect.poll(() => farState(page), { timeout: 5000 }).toEqual({ canvas: false, items: 'visible' })
    expect((await skipped()).skipped).toBe(0)
    const sizes = () =>
      page.evaluate(() => {
        const canvas = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!
        const el = canvas.shadowRoot!.querySelector<HTMLElement>('.box[data-item="far-added"]')!
        const b = canvas.boxes.get('far-added')!
        return { element: [Math.round(el.offsetWidth), Math.round(el.offsetHeight)], box: [Math.round(b.w), Math.round(b.h)] }
      })
    await expect.poll(async () => { const s = await sizes(); return s.element[0]! > 60 && s.element[1]! > 20 && s.box.join() === s.element.join() }, { timeout: 5000 }).toBe(true)
    concepts().delete('far-added')
  })

  it('draws the map far out on a 390 × 844 touch screen, where a tap selects a concept', async () => {
    const page = await open(PHONE, 'Phone')
    await page.screenshot({ path: `${RESULTS_DIR}/far-canvas-390.png` })
    // A concept of the middle column (the map is wider than the screen here).
    const b = await boxOf(page, 'c140')
    const at = await onPage(page, b)
    expect(await pixels(page, at)).toEqual([[255, 255, 255, 255]])
    // On a phone's dense screen the canvas has a device pixel per device pixel.
    const dense = await page.evaluate(() => {
      const el = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!.querySelector<HTMLCanvasElement>('.far-canvas')!
      return el.width / el.getBoundingClientRect().width === window.devicePixelRatio
    })
    expect(dense).toBe(true)
    await page.touchscreen.tap(at.x, at.y)
    await expect.poll(() => page.evaluate(() => [...document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.selection])).toEqual(['c140'])
  })
})

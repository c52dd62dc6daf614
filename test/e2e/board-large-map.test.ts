import type { BrowserContextOptions, Page } from 'playwright-core'
import type * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESULTS_DIR } from '../support/browser'
import { stockClient, synced, waitFor } from '../support/clients'
import { seedMap } from '../bench/client/seed-map'
import { openBoard, useHarness } from './harness'

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } }
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }
const CONCEPTS = 300

/**
 * What the page shows of the map: concepts and phrases with elements, the concepts on screen, and
 * those of them without an element (which must be none).
 */
function census(page: Page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!
    const root = canvas.shadowRoot!
    const v = canvas.visibleView()
    const on = (b: { x: number; y: number; w: number; h: number }) =>
      b.x + b.w / 2 >= v.x && b.x - b.w / 2 <= v.x + v.w && b.y + b.h / 2 >= v.y && b.y - b.h / 2 <= v.y + v.h
    const els = new Set([...root.querySelectorAll('cg-concept')].map((e) => e.concept.id))
    const onScreen = [...canvas.boxes].filter(([, b]) => on(b)).map(([id]) => id)
    const linkEls = new Set([...root.querySelectorAll('cg-link')].map((e) => e.link.id))
    const phrasesOnScreen = [...canvas.model.geometries].filter(([, g]) => on({ ...g.geometry.label, w: 0, h: 0 })).map(([id]) => id)
    return {
      elements: els.size,
      links: linkEls.size,
      arrows: root.querySelectorAll('.edges path.line').length,
      onScreen: onScreen.length,
      missing: onScreen.filter((id) => !els.has(id)),
      missingPhrases: phrasesOnScreen.filter((id) => !linkEls.has(id)),
      // Concepts well inside the half screen around the view (their centres within 0.4 of a
      // screen of it, off screen): drawn a moment after the first screen, so a pan finds them ready.
      missingNearby: [...canvas.boxes].filter(([, b]) => !on(b) && b.x > v.x - 0.4 * v.w && b.x < v.x + 1.4 * v.w && b.y > v.y - 0.4 * v.h && b.y < v.y + 1.4 * v.h).map(([id]) => id).filter((id) => !els.has(id)),
      activeId: canvas.activeId
    }
  })
}

describe('board: a large map draws what is near the view, and all of it is still there', () => {
  const h = useHarness()
  let boardId: string
  let seeder: ReturnType<typeof stockClient>
  beforeAll(async () => {
    boardId = (await h.server.createBoard('Large', 'A map bigger than a screen')).id
    seeder = stockClient(h.server.wsUrl, boardId, (await h.server.invite(boardId, 'brand', 'Seeder')).token)
    await synced(seeder)
    seedMap(seeder.doc, CONCEPTS, 450)
    const check = stockClient(h.server.wsUrl, boardId, (await h.server.invite(boardId, 'brand', 'Check')).token)
    await synced(check)
    await waitFor(() => check.doc.getMap('concepts').size === CONCEPTS, 30_000, 'seed')
    check.destroy()
  }, 60_000)
  afterAll(async () => {
    seeder?.destroy()
  })

  async function open(options: BrowserContextOptions): Promise<Page> {
    const ctx = await h.newContext(options)
    const page = await openBoard(ctx, (await h.server.invite(boardId, 'brand', 'Dana Designer')).url)
    await expect.poll(() => page.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.concepts.size), { timeout: 10_000 }).toBe(CONCEPTS)
    return page
  }

  for (const [name, options] of [['1280 × 800', DESKTOP], ['390 × 844 touch', PHONE]] as const) {
    it(`opens with every concept and phrase on screen drawn, and few others, at ${name}; panning draws what comes into view`, async () => {
      const page = await open(options)
      await expect.poll(async () => (await census(page)).missing, { timeout: 5000 }).toEqual([])
      const first = await census(page)
      expect(first.missingPhrases).toEqual([])
      expect(first.onScreen).toBeGreaterThan(5)
      // The rest of the map has no elements: the screen and half a screen around it (the map is
      // 40 concepts wide and 8 high: at 1280 × 800 the first view shows more than half of its width).
      expect(first.elements).toBeLessThan(options === PHONE ? CONCEPTS / 4 : CONCEPTS * 0.8)
      // Long links that cross the view have their arrows drawn, but their phrases, far away, no elements.
      expect(first.links).toBeLessThan(first.arrows)
      await expect.poll(async () => (await census(page)).missingNearby, { timeout: 5000 }).toEqual([])
      expect((await census(page)).elements).toBeLessThan(options === PHONE ? CONCEPTS / 4 : CONCEPTS * 0.8)
      const width = options.viewport!.width
      await page.screenshot({ path: `${RESULTS_DIR}/large-map-${width}-first.png` })

      // A pan far to the right (a trackpad's scroll, or a finger) reaches concepts that had no elements.
      const before = new Set(await page.evaluate(() => [...document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!.querySelectorAll('cg-concept')].map((e) => e.concept.id)))
      await page.mouse.move(width / 2, 400)
      for (let i = 0; i < 2; i++) await page.mouse.wheel(Math.round(width * 0.6) + 0.5, 0.5)
      await expect.poll(async () => (await census(page)).missing, { timeout: 5000 }).toEqual([])
      const after = await census(page)
      expect(after.missingPhrases).toEqual([])
      expect(after.onScreen).toBeGreaterThan(5)
      const drawnNow = await page.evaluate(() => [...document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!.querySelectorAll('cg-concept')].map((e) => e.concept.id))
      expect(drawnNow.filter((id) => !before.has(id)).length).toBeGreaterThan(3)
      await page.screenshot({ path: `${RESULTS_DIR}/large-map-${width}-panned.png` })

      // Fit (a readable zoom: the map from its top, the overview showing the rest) draws every
      // concept on screen too.
      await page.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.fit())
      await expect.poll(async () => (await census(page)).missing, { timeout: 5000 }).toEqual([])
      expect((await census(page)).onScreen).toBeGreaterThan(5)
      await page.screenshot({ path: `${RESULTS_DIR}/large-map-${width}-fit.png` })
    })
  }

  it('shows a concept someone moves from far away into the view, and keeps moving those far away without drawing them', async () => {
    const page = await open(DESKTOP)
    await expect.poll(async () => (await census(page)).missing, { timeout: 5000 }).toEqual([])
    const view = await page.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.visibleView())
    const concepts = seeder.doc.getMap<Y.Map<unknown>>('concepts')
    // The concept farthest from the middle of the view: away from the first view, without an element.
    const far = await page.evaluate(() => {
      const canvas = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!
      const v = canvas.visibleView()
      const d = (b: { x: number; y: number }) => Math.hypot(b.x - (v.x + v.w / 2), b.y - (v.y + v.h / 2))
      return [...canvas.boxes].sort((a, b) => d(b[1]) - d(a[1]))[0]![0]
    })
    const farElement = () => page.evaluate((id) => [...document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!.querySelectorAll('cg-concept')].some((e) => e.concept.id === id), far)
    expect(await farElement()).toBe(false)
    // Moves while it stays far away reach the map's data (its box), without an element.
    seeder.doc.transact(() => concepts.get(far)!.set('y', (concepts.get(far)!.get('y') as number) + 40))
    const farY = concepts.get(far)!.get('y') as number
    await expect.poll(() => page.evaluate((id) => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.boxes.get(id)?.y, far)).toBe(farY)
    expect(await farElement()).toBe(false)
    seeder.doc.transact(() => {
      concepts.get(far)!.set('x', Math.round(view.x + view.w / 2))
      concepts.get(far)!.set('y', Math.round(view.y + view.h / 3))
    })
    await expect.poll(farElement, { timeout: 2000 }).toBe(true)
    await expect.poll(async () => (await census(page)).missing, { timeout: 2000 }).toEqual([])
  })

  it('moves the keyboard focus to concepts beyond the drawn area, and the view follows', async () => {
    const page = await open(DESKTOP)
    await expect.poll(async () => (await census(page)).missing, { timeout: 5000 }).toEqual([])
    // The first concept of the top row, then right along the row, well past the screen's edge.
    await page.evaluate(() => {
      const canvas = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!
      canvas.selection = new Set(['c0'])
      canvas.focusItem('c0')
    })
    await expect.poll(() => page.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!.activeElement?.getAttribute('data-item'))).toBe('c0')
    const canvasEval = <T,>(fn: string) => page.evaluate(`(() => { const canvas = document.querySelector('cg-board').shadowRoot.querySelector('cg-canvas'); return ${fn} })()`) as Promise<T>
    const first = await canvasEval<{ x: number; w: number }>('canvas.visibleView()')
    // Beyond the drawn area: the screen and half a screen to its right.
    const beyond = first.x + first.w * 2
    let x = 0
    for (let i = 0; i < 120 && x <= beyond; i++) {
      await page.keyboard.press('ArrowRight')
      x = await canvasEval<number>('canvas.activeId && canvas.concepts.has(canvas.activeId) ? canvas.boxes.get(canvas.activeId).x : 0')
    }
    expect(x).toBeGreaterThan(beyond)
    const focused = () => canvasEval<string | null>("canvas.shadowRoot.activeElement?.getAttribute('data-item') ?? null")
    const active = await canvasEval<string>('canvas.activeId')
    await expect.poll(focused, { timeout: 2000 }).toBe(active)
    // The view followed: the focused concept is on screen, and everything on screen is drawn.
    await expect.poll(async () => {
      const view = await canvasEval<{ x: number; w: number }>('canvas.visibleView()')
      return x > view.x && x < view.x + view.w
    }, { timeout: 2000 }).toBe(true)
    const c = await census(page)
    expect(c.missing).toEqual([])
  })

  it('tells a screen reader where each option is in the whole map ("3 of 750"), though only those near the view have elements', async () => {
    const page = await open(DESKTOP)
    await expect.poll(async () => (await census(page)).missing, { timeout: 5000 }).toEqual([])
    const seen = await page.evaluate(() => {
      const canvas = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!
      const options = [...canvas.shadowRoot!.querySelectorAll('.map [role="option"]')]
      return {
        items: canvas.concepts.size + canvas.model.drawn.length,
        options: options.map((o) => ({ id: o.getAttribute('data-item')!, at: Number(o.getAttribute('aria-posinset')), of: Number(o.getAttribute('aria-setsize')) })),
        concepts: [...canvas.concepts.keys()]
      }
    })
    // Few elements, each saying its place among all the concepts and links.
    expect(seen.options.length).toBeLessThan(seen.items)
    expect(new Set(seen.options.map((o) => o.of))).toEqual(new Set([seen.items]))
    const places = seen.options.map((o) => o.at)
    expect(new Set(places).size).toBe(places.length)
    for (const at of places) expect(at >= 1 && at <= seen.items).toBe(true)
    // Concepts come first, in the document's order; links after them.
    for (const o of seen.options) {
      const i = seen.concepts.indexOf(o.id)
      if (i >= 0) expect(o.at).toBe(i + 1)
      else expect(o.at).toBeGreaterThan(CONCEPTS)
    }
    // The place of an item drawn later, after a pan, is the same whole-map place.
    await page.mouse.move(640, 400)
    for (let i = 0; i < 2; i++) await page.mouse.wheel(800.5, 0.5)
    await expect.poll(async () => (await census(page)).missing, { timeout: 5000 }).toEqual([])
    const later = await page.evaluate(() => [...document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!.querySelectorAll('cg-concept [role="option"]')]
      .map((o) => ({ id: o.getAttribute('data-item')!, at: Number(o.getAttribute('aria-posinset')) })))
    const fresh = later.filter((o) => !seen.options.some((s) => s.id === o.id))
    expect(fresh.length).toBeGreaterThan(3)
    for (const o of fresh) expect(o.at).toBe(seen.concepts.indexOf(o.id) + 1)
  })
})

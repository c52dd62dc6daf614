import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addConcept, stockClient, synced } from '../support/clients'
import { inside } from '../support/rects'
import { concept, openBoard, useHarness } from './harness'

// The board's parts whose code loads only when they are used (client/board/lazy-parts.ts): each
// is opened here on a fresh page, where its code has not come yet, and must then be on screen.

const DESKTOP = { viewport: { width: 1280, height: 800 } }
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }
const LAZY = ['cg-facilitator-bar', 'cg-live-panel', 'cg-stream-panel', 'cg-vote-panel', 'cg-help-dialog', 'cg-pulse-dialog', 'cg-connect-dialog', 'cg-name-dialog', 'cg-export-menu']

/** Waits until the element is visible and wholly within the page's viewport. */
async function seenOnScreen(page: Page, target: Locator): Promise<void> {
  await target.waitFor({ state: 'visible', timeout: 5000 })
  const size = page.viewportSize()!
  await expect.poll(async () => {
    const box = await target.boundingBox()
    return box !== null && box.width > 0 && box.height > 0 && inside(box, { x: 0, y: 0, width: size.width, height: size.height })
  }).toBe(true)
}

/** Which of the lazily loaded parts this page has the code of. */
function defined(page: Page): Promise<string[]> {
  return page.evaluate((tags) => tags.filter((t) => customElements.get(t) !== undefined), LAZY)
}

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })

describe('board: parts loaded when used', () => {
  const h = useHarness()

  async function fresh(role: 'facilitator' | 'customer', options: typeof DESKTOP | typeof PHONE = DESKTOP, concepts: string[] = []) {
    const { id } = await h.server.createBoard('Lazy', 'What brings customers back?')
    if (concepts.length > 0) {
      const writer = stockClient(h.server.wsUrl, id, (await h.server.invite(id, 'brand', 'Seeder')).token)
      await synced(writer)
      concepts.forEach((label, i) => addConcept(writer.doc, `c${i}`, label, 200 + i * 260, 200))
      await new Promise((r) => setTimeout(r, 300))
      writer.destroy()
    }
    const ctx = await h.newContext(options)
    return openBoard(ctx, (await h.server.invite(id, role, role === 'facilitator' ? 'Fay' : 'Cy')).url)
  }

  it('a customer’s board loads none of the facilitator’s parts, and the export menu only after the map', async () => {
    const page = await fresh('customer', PHONE)
    await seenOnScreen(page, page.locator('cg-export-menu summary'))
    await page.waitForTimeout(500)
    expect(await defined(page)).toEqual(['cg-export-menu'])
    expect(await page.locator('cg-facilitator-bar').count()).toBe(0)
  })

  for (const [size, options] of [['1280×800', DESKTOP], ['a 390×844 phone', PHONE]] as const) {
    it(`the facilitator’s bar, More (replay and report) and Export come by themselves at ${size}`, async () => {
      const page = await fresh('facilitator', options)
      await seenOnScreen(page, button(page, 'Start session'))
      await page.locator('cg-facilitator-bar summary').click()
      await seenOnScreen(page, page.getByRole('link', { name: 'Open report ↗' }))
      await seenOnScreen(page, page.getByRole('link', { name: 'Open replay ↗' }))
      await page.keyboard.press('Escape')
      await page.locator('cg-export-menu summary').click()
      await seenOnScreen(page, page.getByRole('button', { name: 'Mermaid diagram' }))
    })
  }

  it('the board’s socket opens before its modules have loaded, and the map comes once, on that socket', async () => {
    const { id } = await h.server.createBoard('Early', 'What brings customers back?')
    const writer = stockClient(h.server.wsUrl, id, (await h.server.invite(id, 'brand', 'Seeder')).token)
    await synced(writer)
    addConcept(writer.doc, 'c0', 'Fast delivery', 200, 200)
    const ctx = await h.newContext(DESKTOP)
    // Every socket the page makes, when, and how many whole maps (sync step 2) each brought.
    await ctx.addInitScript(() => {
      const seen: { at: number; step2: number }[] = []
      // The board's modules define their elements as they run: the first define is when they begin.
      const marks = { sockets: seen, modulesRun: -1 }
      Object.assign(window, { __early: marks })
      const define = customElements.define.bind(customElements)
      customElements.define = (...args: Parameters<typeof define>) => {
        if (marks.modulesRun < 0) marks.modulesRun = performance.now()
        define(...args)
      }
      const Native = window.WebSocket
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols)
          const entry = { at: performance.now(), step2: 0 }
          seen.push(entry)
          this.addEventListener('message', (e) => {
            const bytes = e.data instanceof ArrayBuffer ? new Uint8Array(e.data) : null
            if (bytes && bytes[0] === 0 && bytes[1] === 1) entry.step2++
          })
        }
      }
    })
    const page = await openBoard(ctx, (await h.server.invite(id, 'customer', 'Cy')).url)
    await concept(page, 'Fast delivery').waitFor()
    // The page still works through it both ways.
    addConcept(writer.doc, 'c1', 'Trust', 500, 200)
    await concept(page, 'Trust').waitFor()
    const marks = await page.evaluate(() => (window as unknown as { __early: { sockets: { at: number; step2: number }[]; modulesRun: number } }).__early)
    expect(marks.sockets).toHaveLength(1)
    expect(marks.sockets[0]!.step2).toBe(1)
    expect(marks.modulesRun).toBeGreaterThan(0)
    expect(marks.sockets[0]!.at).toBeLessThan(marks.modulesRun)
    writer.destroy()
  })

  it('the live view opens on a fresh page', async () => {
    const page = await fresh('facilitator')
    expect(await defined(page)).not.toContain('cg-live-panel')
    await button(page, 'Live view').click()
    await seenOnScreen(page, page.locator('cg-live-panel h2', { hasText: 'Live view' }))
  })

  it('the dot vote’s panel opens on a fresh page', async () => {
    const page = await fresh('facilitator', DESKTOP, ['Price', 'Trust'])
    expect(await defined(page)).not.toContain('cg-vote-panel')
    await button(page, 'Dot vote').click()
    await seenOnScreen(page, page.locator('cg-vote-panel h2', { hasText: 'Dot vote open' }))
  })

  it('the customer voice opens on a fresh page', async () => {
    const page = await fresh('facilitator')
    expect(await defined(page)).not.toContain('cg-stream-panel')
    await page.getByRole('button', { name: /Customer voice \(0\)/ }).click()
    await seenOnScreen(page, page.locator('cg-stream-panel'))
  })

  it('the keyboard shortcuts open on a fresh page', async () => {
    const page = await fresh('customer')
    expect(await defined(page)).not.toContain('cg-help-dialog')
    await button(page, 'Keyboard shortcuts').click()
    await seenOnScreen(page, page.getByRole('dialog', { name: 'Keyboard shortcuts' }))
  })

  it('the connect dialog opens on a fresh page (L on a concept)', async () => {
    const page = await fresh('facilitator', DESKTOP, ['Price', 'Trust'])
    expect(await defined(page)).not.toContain('cg-connect-dialog')
    await page.getByRole('option', { name: 'Price', exact: true }).focus()
    await page.keyboard.press('l')
    await seenOnScreen(page, page.getByRole('dialog', { name: 'Link “Price” to…' }))
    // As when its code was there from the start: the list of concepts has focus.
    await expect.poll(() => page.locator('cg-connect-dialog select').evaluate((el) => el.matches(':focus'))).toBe(true)
  })

  it('the pulse opens on a fresh page when a customer leaves', async () => {
    const page = await fresh('customer', PHONE)
    expect(await defined(page)).not.toContain('cg-pulse-dialog')
    await button(page, 'Leave').click()
    await seenOnScreen(page, page.locator('cg-pulse-dialog dialog'))
  })
})

import { readFileSync } from 'node:fs'
import type { BrowserContextOptions, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { concept, openBoard, useHarness, waitLive, importCxl, boardMap } from './harness'
import { REAL_CXL as REAL } from '../support/shared-fixtures'
import { inside, overlap, type Rect } from '../support/rects'

// Copy, paste and duplicate were keyboard shortcuts only (Ctrl/⌘ C, V, D): a customer on a phone
// could not copy, paste or duplicate at all. They are items of the toolbar's More menu now.

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } }

/** Every concept box on the board, in page pixels. */
function boxes(page: Page): Promise<(Rect & { text: string })[]> {
  return page.evaluate(() => {
    const root = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!
    return [...root.querySelectorAll('cg-concept .box')].map((el) => {
      const r = el.getBoundingClientRect()
      return { x: r.x, y: r.y, width: r.width, height: r.height, text: el.querySelector('.label')?.textContent ?? '' }
    })
  })
}

async function menuItem(page: Page, name: string) {
  await page.getByRole('button', { name: 'More tools' }).tap()
  return page.getByRole('menuitem', { name, exact: true })
}

describe('board: copy, paste and duplicate by touch, from the More menu', () => {
  const h = useHarness()

  async function importReal(): Promise<string> {
    return importCxl(h, readFileSync(REAL))
  }

  const mapOf = (id: string) => boardMap(h, id)

  it('a customer on a 390 × 844 phone duplicates a tapped concept into free space on screen, and copies it to another board', async () => {
    const from = await importReal()
    const { id: to } = await h.server.createBoard('Empty', 'Where do copies land?')
    const ctx = await h.newContext(PHONE)
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'])
    const a = await openBoard(ctx, (await h.server.invite(from, 'customer', 'Carla Customer')).url)
    await waitLive(a)

    // Nothing selected: Copy and Duplicate cannot act.
    expect(await (await menuItem(a, 'Duplicate')).isDisabled()).toBe(true)
    expect(await a.getByRole('menuitem', { name: 'Copy', exact: true }).isDisabled()).toBe(true)
    await a.getByRole('button', { name: 'More tools' }).tap()

    await concept(a, 'alfa').tap()
    const duplicate = await menuItem(a, 'Duplicate')
    // Each item is a full touch target.
    for (const name of ['Duplicate', 'Copy', 'Paste']) {
      const r = (await a.getByRole('menuitem', { name, exact: true }).boundingBox())!
      expect(Math.min(r.width, r.height), name).toBeGreaterThanOrEqual(44)
    }
    await a.screenshot({ path: '/tmp/i20-touch-clipboard-menu-390.png' })
    await duplicate.tap()
    await expect.poll(() => concept(a, 'alfa').count()).toBe(2)
    await expect.poll(async () => (await mapOf(from)).concepts.length).toBe(11)
    // The copy is in free space (on no other concept) and in sight.
    const canvas = (await a.locator('cg-canvas').boundingBox())!
    await expect.poll(async () => {
      const all = await boxes(a)
      const copies = all.filter((b) => b.text === 'alfa')
      return copies.flatMap((c) => [
        ...(inside(c, canvas) ? [] : [`alfa off screen`]),
        ...all.filter((o) => o !== c && overlap(c, o)).map((o) => `alfa on ${o.text}`)
      ])
    }, { message: 'the duplicate on another concept or off screen' }).toEqual([])
    await a.screenshot({ path: '/tmp/i20-touch-duplicate-390.png' })

    // On the second board, before anything is copied, Paste explains itself rather than doing nothing.
    const b = await openBoard(ctx, (await h.server.invite(to, 'customer', 'Carla Customer')).url)
    await waitLive(b)
    await b.evaluate(() => navigator.clipboard.writeText('not a map'))
    await (await menuItem(b, 'Paste')).tap()
    await b.locator('cg-toolbar .note').filter({ hasText: 'Nothing to paste yet' }).waitFor({ timeout: 5000 })
    await expect.poll(() => b.getByRole('status').filter({ hasText: 'Nothing to paste yet' }).count(), { message: 'said to a screen reader' }).toBe(1)
    expect(await concept(b, 'alfa').count()).toBe(0)
    await b.screenshot({ path: '/tmp/i20-touch-paste-nothing-390.png' })

    // Copy on the first board (the duplicate is selected), Paste on the second.
    await a.bringToFront()
    await (await menuItem(a, 'Copy')).tap()
    await expect.poll(() => a.evaluate(() => navigator.clipboard.readText())).toContain('"common-ground/board-map"')
    await b.bringToFront()
    const paste = await menuItem(b, 'Paste')
    expect(await paste.isDisabled()).toBe(false)
    await paste.tap()
    await concept(b, 'alfa').waitFor({ timeout: 5000 })
    await expect.poll(async () => (await mapOf(to)).concepts.map((c) => c.label)).toEqual(['alfa'])
    const pasted = (await concept(b, 'alfa').boundingBox())!
    expect(inside(pasted, (await b.locator('cg-canvas').boundingBox())!)).toBe(true)
  })

  it('a viewer may copy but is offered neither Paste nor Duplicate', async () => {
    const id = await importReal()
    const ctx = await h.newContext(PHONE)
    const page = await openBoard(ctx, (await h.server.invite(id, 'viewer', 'Vic Viewer')).url)
    await concept(page, 'alfa').tap()
    expect(await (await menuItem(page, 'Copy')).isDisabled()).toBe(false)
    expect(await page.getByRole('menuitem', { name: 'Paste', exact: true }).count()).toBe(0)
    expect(await page.getByRole('menuitem', { name: 'Duplicate', exact: true }).count()).toBe(0)
  })

  it('on a wide board the toolbar stays as it was: the three are in its More menu, without the view tools it shows already', async () => {
    const id = await importReal()
    const ctx = await h.newContext(DESKTOP)
    const page = await openBoard(ctx, (await h.server.invite(id, 'brand', 'Bea Brand')).url)
    await concept(page, 'alfa').click()
    await page.getByRole('button', { name: 'More tools' }).click()
    for (const name of ['Duplicate', 'Copy']) expect(await page.getByRole('menuitem', { name, exact: true }).isEnabled()).toBe(true)
    expect(await page.getByRole('menuitem', { name: 'Paste', exact: true }).isVisible()).toBe(true)
    expect(await page.getByRole('menuitem', { name: 'Zoom in' }).isVisible()).toBe(false)
    await page.screenshot({ path: '/tmp/i20-touch-clipboard-menu-1280.png' })
    await page.getByRole('menuitem', { name: 'Duplicate', exact: true }).click()
    await expect.poll(() => concept(page, 'alfa').count()).toBe(2)
  })
})

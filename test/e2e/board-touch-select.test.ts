import type { BrowserContextOptions, CDPSession, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addConcept, addLink, stockClient, synced, waitFor } from '../support/clients'
import { boardMap, concept, openBoard, useHarness, waitLive } from './harness'

// A phone has no Shift key: Shift-click and Shift-drag were the only ways to select several
// concepts, so a customer on a phone could move, duplicate or copy only one at a time. Holding a
// finger still is the phone's way (as on Android and iOS): on a concept it adds it to the selection
// (or takes it out), on the background it draws a selection with the finger.

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }
type Point = { x: number; y: number }

/** One finger through the DevTools protocol, held `holdMs` where it lands, then moved along to `to`. */
async function finger(page: Page, cdp: CDPSession, from: Point, holdMs: number, to: Point = from): Promise<void> {
  const at = (p: Point) => [{ x: p.x, y: p.y, id: 0 }]
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(from) })
  await page.waitForTimeout(holdMs)
  const steps = to === from ? 0 : 10
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at({ x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps }) })
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
}

const centre = (r: { x: number; y: number; width: number; height: number }): Point => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 })

/** The labels of the selected concepts, sorted. */
function selectedLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const canvas = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!
    return [...canvas.selection].map((id) => canvas.concepts.get(id)?.label ?? id).sort()
  })
}

function viewOf(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  return page.evaluate(() => ({ ...document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.viewport }))
}

describe('board: a phone selects several concepts by holding a finger', () => {
  const h = useHarness()

  async function phoneOnThreeConcepts(role: 'customer' | 'viewer' = 'customer'): Promise<{ id: string; page: Page; cdp: CDPSession }> {
    const { id } = await h.server.createBoard('Touch select', 'What builds trust?')
    const seeder = stockClient(h.server.wsUrl, id, (await h.server.invite(id, 'brand', 'Seeder')).token)
    await synced(seeder)
    addConcept(seeder.doc, 'a', 'Price', 0, 0)
    addConcept(seeder.doc, 'b', 'Trust', 0, 160)
    addConcept(seeder.doc, 'c', 'Delivery', 0, 320)
    addLink(seeder.doc, 'l', 'a', 'b', 'affects')
    await waitFor(() => seeder.provider.synced)
    const ctx = await h.newContext(PHONE)
    const page = await openBoard(ctx, (await h.server.invite(id, role, 'Carla Customer')).url)
    await waitLive(page)
    await concept(page, 'Delivery').waitFor({ timeout: 5000 })
    seeder.destroy()
    return { id, page, cdp: await ctx.newCDPSession(page) }
  }

  it('holding a concept adds it to the selection, holding it again takes it out, and a drag moves all selected', async () => {
    const { id, page, cdp } = await phoneOnThreeConcepts()
    await concept(page, 'Price').tap()
    expect(await selectedLabels(page)).toEqual(['Price'])
    await finger(page, cdp, centre((await concept(page, 'Trust').boundingBox())!), 700)
    await expect.poll(() => selectedLabels(page)).toEqual(['Price', 'Trust'])
    await finger(page, cdp, centre((await concept(page, 'Delivery').boundingBox())!), 700)
    await expect.poll(() => selectedLabels(page)).toEqual(['Delivery', 'Price', 'Trust'])
    await page.screenshot({ path: 'test-results/touch-select-three-390.png' })
    // Held again, a selected concept leaves the selection.
    await finger(page, cdp, centre((await concept(page, 'Delivery').boundingBox())!), 700)
    await expect.poll(() => selectedLabels(page)).toEqual(['Price', 'Trust'])

    // Dragging one of the selected moves both, as one step; Delivery stays.
    const before = await boardMap(h, id)
    const at = (await concept(page, 'Trust').boundingBox())!
    await finger(page, cdp, centre(at), 0, { x: centre(at).x + 60, y: centre(at).y + 20 })
    await expect.poll(async () => {
      const after = await boardMap(h, id)
      return after.concepts.map((c) => {
        const was = before.concepts.find((b) => b.id === c.id)!
        return `${c.label} ${Math.round(c.x - was.x) !== 0 ? 'moved' : 'stayed'}`
      }).sort()
    }).toEqual(['Delivery stayed', 'Price moved', 'Trust moved'])
    // A quick tap is still a plain tap: it selects that one alone.
    await concept(page, 'Delivery').tap()
    expect(await selectedLabels(page)).toEqual(['Delivery'])
  })

  it('holding the background and dragging draws a selection instead of panning; a short press still pans', async () => {
    const { page, cdp } = await phoneOnThreeConcepts()
    const price = (await concept(page, 'Price').boundingBox())!
    const delivery = (await concept(page, 'Delivery').boundingBox())!
    const from = { x: Math.max(8, price.x - 30), y: price.y - 20 }
    const to = { x: delivery.x + delivery.width + 30, y: delivery.y + delivery.height + 20 }
    const view = await viewOf(page)
    await finger(page, cdp, from, 700, to)
    await expect.poll(() => selectedLabels(page)).toEqual(['Delivery', 'Price', 'Trust'])
    expect(await viewOf(page)).toEqual(view)

    // Without the hold the same finger pans the map and selects nothing new.
    await concept(page, 'Price').tap()
    await finger(page, cdp, from, 0, to)
    await expect.poll(async () => (await viewOf(page)).x).not.toBe(view.x)
    expect(await selectedLabels(page)).toEqual(['Price'])
  })

  it('a viewer selects several by holding, to copy them (nothing moves)', async () => {
    const { id, page, cdp } = await phoneOnThreeConcepts('viewer')
    const before = await boardMap(h, id)
    await concept(page, 'Price').tap()
    const trust = centre((await concept(page, 'Trust').boundingBox())!)
    await finger(page, cdp, trust, 700, { x: trust.x + 50, y: trust.y })
    await expect.poll(() => selectedLabels(page)).toEqual(['Price', 'Trust'])
    expect((await boardMap(h, id)).concepts).toEqual(before.concepts)
  })

  it('a tap on bare map clears the selection and closes its panel (a click at a desk too); a pan keeps it', async () => {
    const { id, page, cdp } = await phoneOnThreeConcepts()
    const panel = () => page.locator('cg-style-panel').isVisible()
    await concept(page, 'Price').tap()
    await finger(page, cdp, centre((await concept(page, 'Trust').boundingBox())!), 700)
    await expect.poll(() => selectedLabels(page)).toEqual(['Price', 'Trust'])
    await expect.poll(panel).toBe(true)
    // Beside Trust, away from the concepts and the panel (at the foot of the screen).
    const trust = (await concept(page, 'Trust').boundingBox())!
    const bare = { x: Math.min(370, trust.x + trust.width + 80), y: trust.y + trust.height / 2 }
    // A pan from bare map keeps what is selected.
    await finger(page, cdp, bare, 0, { x: bare.x - 40, y: bare.y - 30 })
    expect(await selectedLabels(page)).toEqual(['Price', 'Trust'])
    await finger(page, cdp, bare, 0)
    await expect.poll(() => selectedLabels(page)).toEqual([])
    await expect.poll(panel).toBe(false)
    // No focus ring left on the concept last pressed, nor around the map (it read as still selected).
    expect(await page.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!.querySelector(':focus-visible')?.className ?? null)).toBeNull()
    await page.screenshot({ path: 'test-results/touch-tap-clears-390.png' })

    const desk = await openBoard(await h.newContext(), (await h.server.invite(id, 'brand', 'Bea Brand')).url)
    await concept(desk, 'Price').click()
    await expect.poll(() => selectedLabels(desk)).toEqual(['Price'])
    const price = (await concept(desk, 'Price').boundingBox())!
    await desk.mouse.click(price.x + price.width + 200, price.y + 5)
    await expect.poll(() => selectedLabels(desk)).toEqual([])
  })
})

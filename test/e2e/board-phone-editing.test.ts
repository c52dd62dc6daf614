import type { BrowserContextOptions, CDPSession } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { RESULTS_DIR } from '../support/browser'
import { addByTouch, concept, conceptLabels, doubleTap, openBoard, proposition, useHarness } from './harness'

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }

type Point = { x: number; y: number }

/** One finger through the DevTools protocol, as a phone sends it: Chromium makes touch pointer events of it. */
async function fingerPath(cdp: CDPSession, from: Point, to: Point, steps = 12): Promise<void> {
  const at = (p: Point) => [{ x: p.x, y: p.y, id: 0 }]
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(from) })
  for (let i = 1; i <= steps; i++) {
    const p = { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(p) })
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
}

const centre = (r: { x: number; y: number; width: number; height: number }): Point => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 })

describe('board: a customer on a phone builds the map by touch', () => {
  const h = useHarness()

  it('adds concepts, draws a link with the handle, and renames a concept by double tap, seen by a colleague on a laptop', async () => {
    const { id } = await h.server.createBoard('Phone workshop', 'What builds trust?')
    const phoneCtx = await h.newContext(PHONE)
    const phone = await openBoard(phoneCtx, (await h.server.invite(id, 'customer', 'Carla Customer')).url)
    const laptop = await openBoard(await h.newContext(), (await h.server.invite(id, 'brand', 'Bea Brand')).url)

    await addByTouch(phone, 'Fast delivery')
    await addByTouch(phone, 'Trust')
    // New concepts land in free space: the two boxes do not overlap.
    const a = (await concept(phone, 'Fast delivery').boundingBox())!
    const b = (await concept(phone, 'Trust').boundingBox())!
    expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true)

    // The link: tap the source (its handle shows), then drag the handle onto the target with a finger.
    await concept(phone, 'Fast delivery').tap()
    const handle = concept(phone, 'Fast delivery').locator('.handle')
    await handle.waitFor({ timeout: 5000 })
    const cdp = await phoneCtx.newCDPSession(phone)
    await fingerPath(cdp, centre((await handle.boundingBox())!), centre((await concept(phone, 'Trust').boundingBox())!))
    await phone.locator('cg-label-editor[kind="link"] textarea').waitFor({ timeout: 5000 })
    await phone.keyboard.type('builds')
    await phone.keyboard.press('Enter')
    await expect.poll(() => proposition(laptop, 'Fast delivery builds Trust').count(), { timeout: 5000 }).toBe(1)

    // Rename by double tap on the concept: the label editor opens on the phone.
    const trust = centre((await concept(phone, 'Trust').boundingBox())!)
    await doubleTap(phone, trust.x, trust.y)
    const editor = phone.locator('cg-label-editor textarea')
    await editor.waitFor({ timeout: 5000 })
    await editor.fill('Lasting trust')
    await phone.keyboard.press('Enter')
    await expect.poll(() => conceptLabels(laptop), { timeout: 5000 }).toEqual(['Fast delivery', 'Lasting trust'])
    await expect.poll(() => proposition(laptop, 'Fast delivery builds Lasting trust').count(), { timeout: 5000 }).toBe(1)

    // The phone's own view stays readable and shows what it made.
    expect(await conceptLabels(phone)).toEqual(['Fast delivery', 'Lasting trust'])
    await phone.screenshot({ path: `${RESULTS_DIR}/phone-editing-390.png` })
    await laptop.screenshot({ path: `${RESULTS_DIR}/phone-editing-laptop-1280.png` })
  })
})

import type { BrowserContextOptions } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addByTouch, concept, openBoard, useHarness } from './harness'
import { inside, overlap } from '../support/rects'

// A phone's view is two concepts wide. Each new concept used to go right of the last one and the view
// panned after it, so by the third Add the first concept was off screen and the map grew into one
// long row nobody could see at once. New concepts now go where the view has room (right, else below,
// left, above, the middle of the view), on no other concept, and what was made stays in sight.

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }

describe('board: concepts added on a phone stay in its view', () => {
  const h = useHarness()

  it('six concepts added with the Add button at 390 × 844 are all on screen, none on another', async () => {
    const { id } = await h.server.createBoard('Phone map', 'What builds trust?')
    const ctx = await h.newContext(PHONE)
    const page = await openBoard(ctx, (await h.server.invite(id, 'customer', 'Carla Customer')).url)
    const labels = ['Fast delivery', 'Trust', 'Fair price', 'Support', 'Quality', 'Service']
    for (const label of labels) await addByTouch(page, label)
    // The view pans after a focused concept when it must, a frame or two later: polled.
    const canvas = (await page.locator('cg-canvas').boundingBox())!
    const all = () => Promise.all(labels.map(async (l) => ({ l, r: (await concept(page, l).boundingBox())! })))
    await expect.poll(async () => (await all()).filter((b) => !inside(b.r, canvas)).map((b) => b.l), { message: 'concepts off screen' }).toEqual([])
    const boxes = await all()
    for (const a of boxes) for (const b of boxes) if (a !== b) expect(overlap(a.r, b.r), `${a.l} on ${b.l}`).toBe(false)
    // The last one is selected: its colour panel covers none of them.
    const panel = (await page.locator('cg-style-panel').boundingBox())!
    expect(boxes.filter((b) => overlap(b.r, panel)).map((b) => b.l), 'concepts under the colour panel').toEqual([])
    await page.screenshot({ path: '/tmp/i20-phone-adding-390.png' })
  })
})

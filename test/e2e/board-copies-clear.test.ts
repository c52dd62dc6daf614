import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { concept, openImportedCxl, useHarness, waitLive } from './harness'
import { largeSecurityCmap } from '../support/large-cmap'
import { overlap } from '../support/rects'

// Duplicated and pasted concepts land in free space as a new one does: on no concept and no phrase,
// and in sight.
// Duplicates went to a fixed 40 px down and right, onto the neighbours in a full map; a paste looked
// for a concept's worth of room at the group's middle and spread the rest over what was there.

interface Rect { x: number; y: number; width: number; height: number; text: string; selected: boolean }

/** Every concept box (selected or not) and every shown phrase, in page pixels. */
function drawn(page: Page): Promise<{ concepts: Rect[]; phrases: Rect[] }> {
  return page.evaluate(() => {
    const root = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!
    const rect = (el: Element) => {
      const r = el.getBoundingClientRect()
      const text = el.querySelector('.label')?.textContent ?? el.textContent ?? ''
      return { x: r.x, y: r.y, width: r.width, height: r.height, text, selected: el.getAttribute('aria-selected') === 'true' }
    }
    return {
      concepts: [...root.querySelectorAll('cg-concept .box')].map(rect),
      phrases: [...root.querySelectorAll('cg-link:not(.hub-member) .link-label')].filter((el) => getComputedStyle(el).opacity !== '0').map(rect)
    }
  })
}

/** What the new (selected) concepts cover: other concepts, and phrases (Diffie-Hellman Key Exchange and AES are not linked: no phrase is theirs). */
async function covered(page: Page): Promise<string[]> {
  const { concepts, phrases } = await drawn(page)
  const made = concepts.filter((c) => c.selected)
  expect(made.length).toBe(2)
  const others = concepts.filter((c) => !c.selected)
  // And they are in sight: the free space nearest may be past an edge of the screen.
  const canvas = (await page.locator('cg-canvas').boundingBox())!
  const off = made.filter((m) => m.x < canvas.x || m.y < canvas.y || m.x + m.width > canvas.x + canvas.width || m.y + m.height > canvas.y + canvas.height)
  return [
    ...made.flatMap((m) => [...others, ...phrases].filter((o) => overlap(m, o)).map((o) => `${m.text} on ${o.text}`)),
    ...off.map((m) => `${m.text} off screen`)
  ]
}

describe('board: copies land in free space', () => {
  const h = useHarness()

  it('duplicates (Ctrl+D) and pastes (Ctrl+V) two concepts of a full 145-concept map onto no concept and no phrase', async () => {
    const page = await openImportedCxl(h, largeSecurityCmap().xml, { viewport: { width: 1280, height: 800 } })
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await concept(page, 'Diffie-Hellman\nKey Exchange').click()
    await concept(page, 'AES').click({ modifiers: ['Shift'] })

    await page.keyboard.press('Control+d')
    await expect.poll(() => concept(page, 'AES').count()).toBe(2)
    await waitLive(page)
    await expect.poll(() => covered(page), { message: 'duplicates on what was there' }).toEqual([])
    await page.screenshot({ path: '/tmp/i20-duplicate-1280.png' })

    await page.keyboard.press('Control+c')
    await page.locator('cg-canvas').click({ position: { x: 640, y: 400 } })
    await page.keyboard.press('Control+v')
    await expect.poll(() => concept(page, 'AES').count()).toBe(3)
    await waitLive(page)
    await expect.poll(() => covered(page), { message: 'pasted concepts on what was there' }).toEqual([])
    await page.screenshot({ path: '/tmp/i20-paste-1280.png' })
  })
})

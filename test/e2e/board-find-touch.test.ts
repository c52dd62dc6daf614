import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { concept, importCxl, openBoard, openImportedCxl, useHarness } from './harness'
import { largeSecurityCmap } from '../support/large-cmap'
import { REAL_CXL } from '../support/shared-fixtures'
import { inside } from '../support/rects'

// Find was only Ctrl/Cmd+F: a phone has no such key, so a customer there could not search the map at
// all. The toolbar offers it too: a button on a wide board, an item of the More menu on a narrow one.

describe('board: Find from the toolbar, by touch and by mouse', () => {
  const h = useHarness()

  const count = (page: Page) => page.locator('cg-find-bar .count').innerText({ timeout: 1000 }).catch(() => '')
  /** How many lines the find bar's status takes (squeezed, "No matches" broke onto two). */
  const statusLines = (page: Page) =>
    page.locator('cg-find-bar .count').evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)))

  it('on a 390 × 844 phone: More → Find on the map, type, step with Next and see each match on screen', async () => {
    const page = await openImportedCxl(h, largeSecurityCmap().xml, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
    await page.getByRole('button', { name: 'More tools' }).tap()
    await page.getByRole('menuitem', { name: 'Find on the map' }).tap()
    const field = page.getByRole('searchbox', { name: 'Find on the map' })
    await expect.poll(() => field.evaluate((el) => el.matches(':focus'))).toBe(true)
    await page.keyboard.type('attack')
    await expect.poll(() => count(page)).toBe('1 of 7')
    const canvas = (await page.locator('cg-canvas').boundingBox())!
    for (const [n, label] of [[2, 'Birthday Attack'], [3, 'Brute\nForce Attack']] as const) {
      await page.getByRole('button', { name: 'Next match' }).tap()
      await expect.poll(() => count(page)).toBe(`${n} of 7`)
      // Flown to: on screen once the view has moved.
      await expect.poll(async () => inside((await concept(page, label).boundingBox())!, canvas), { message: `${label} on screen` }).toBe(true)
    }
    await field.fill('no such concept')
    await expect.poll(() => count(page)).toBe('No matches')
    expect(await statusLines(page), '"No matches" on one line').toBe(1)
  })

  it('at 720 px beside the facilitator’s live view: "No matches" on one line', async () => {
    const id = await importCxl(h, readFileSync(REAL_CXL, 'utf8'))
    const page = await openBoard(await h.newContext({ viewport: { width: 720, height: 720 } }), (await h.server.invite(id, 'facilitator', 'Fay')).url)
    await page.getByRole('button', { name: 'Live view', exact: true }).click()
    await page.locator('cg-live-panel').waitFor()
    await page.keyboard.press('Control+f')
    await page.getByRole('searchbox', { name: 'Find on the map' }).fill('no such concept')
    await expect.poll(() => count(page)).toBe('No matches')
    expect(await statusLines(page), '"No matches" on one line').toBe(1)
  })

  it('at 1280 × 800: the toolbar’s Find button opens the find bar', async () => {
    const page = await openImportedCxl(h, readFileSync(REAL_CXL, 'utf8'), { viewport: { width: 1280, height: 800 } })
    await page.getByRole('button', { name: 'Find on the map' }).click()
    const field = page.getByRole('searchbox', { name: 'Find on the map' })
    await expect.poll(() => field.evaluate((el) => el.matches(':focus'))).toBe(true)
    // Nothing typed: nothing to have no matches for.
    expect(await count(page), 'the status before anything is typed').toBe('')
    await page.keyboard.type('for')
    await expect.poll(() => count(page)).toBe('1 of 2')
    await field.fill('')
    await expect.poll(() => count(page), { message: 'the status once the field is emptied' }).toBe('')
  })
})

import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { RESULTS_DIR } from '../support/browser'
import { footerRows } from '../support/footer-rows'
import { unreachable } from '../support/reach'
import { addConceptAt, concept, focusedTag, openBoard, useHarness } from './harness'

/** The zoom read-out of the toolbar ("100%"). */
const zoomText = (page: Page) => page.locator('cg-toolbar .zoom').innerText()

describe('board: keyboard shortcuts from page load and after clicking the map', () => {
  const h = useHarness()

  it('takes N, +, ? and Ctrl+Z with nothing focused, and after a click on the map background', async () => {
    const { id } = await h.server.createBoard('Keys', 'What makes a good visit?')
    const b = await h.server.invite(id, 'brand', 'Bea Brand')
    const page = await openBoard(await h.newContext(), b.url)
    // Nothing has focus after load: the page's body has it.
    expect(await focusedTag(page)).toBe('body')

    // N opens a new concept's label editor; Enter makes the concept.
    await page.keyboard.press('n')
    await page.locator('cg-label-editor textarea').waitFor({ timeout: 2000 })
    await page.keyboard.type('Parking')
    await page.keyboard.press('Enter')
    await concept(page, 'Parking').waitFor({ timeout: 5000 })

    // A click on the background (a pan gesture that moves nothing) leaves keys working.
    await page.mouse.click(150, 600)
    expect(await zoomText(page)).toBe('100%')
    await page.keyboard.press('+')
    await expect.poll(() => zoomText(page)).toBe('125%')
    await page.keyboard.press('Control+z')
    await expect.poll(() => concept(page, 'Parking').count()).toBe(0)
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => concept(page, 'Parking').count()).toBe(1)
    await page.keyboard.press('?')
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(false)

    // Typing stays typing: letters in a text field are text, never shortcuts.
    await addConceptAt(page, 500, 300, 'Nice staff')
    expect(await page.locator('cg-label-editor').count()).toBe(0)
    // A focused toolbar button keeps Enter and Space to itself; shortcuts still work there.
    await page.getByRole('button', { name: 'Zoom in' }).focus()
    await page.keyboard.press('Control+z')
    await expect.poll(() => concept(page, 'Nice staff').count()).toBe(0)
  })

  it('shows a concept made with N, never under the open customer voice or live panel, nor the toolbar', async () => {
    const { id } = await h.server.createBoard('Keys', 'What makes a good visit?')
    const csv = 'text,author\nThe queue was long,Ana\nStaff were kind,Jo\n'
    expect((await h.server.api(`/api/boards/${id}/stream?format=csv`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } })).status).toBe(201)
    const ctx = await h.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await openBoard(ctx, (await h.server.invite(id, 'facilitator', 'Fay Facilitator')).url)
    // A wide screen opens the customer voice by itself; a concept made just left of it is the focused one.
    const panel = page.locator('cg-stream-panel')
    await panel.waitFor()
    const edge = (await panel.boundingBox())!.x
    await addConceptAt(page, edge - 90, 200, 'Queue')
    // Before: N put each new concept right of the focused one, under the panel, and the view stayed.
    const clear = async (label: string, side: typeof panel) => {
      const box = (await concept(page, label).boundingBox())!
      const map = (await page.locator('cg-canvas').boundingBox())!
      const tools = (await page.locator('cg-toolbar').boundingBox())!
      const over = (await side.boundingBox())!
      expect(box.x + box.width, label).toBeLessThanOrEqual(over.x)
      expect(box.x, label).toBeGreaterThanOrEqual(map.x)
      expect(box.y, label).toBeGreaterThanOrEqual(map.y)
      const besideTools = box.x + box.width <= tools.x || box.x >= tools.x + tools.width
      expect(besideTools || box.y + box.height <= tools.y, `${label} clear of the toolbar`).toBe(true)
    }
    for (const label of ['Kind staff', 'Signs', 'Parking']) {
      await page.keyboard.press('n')
      await page.locator('cg-label-editor textarea').waitFor({ timeout: 2000 })
      await page.keyboard.type(label)
      await page.keyboard.press('Enter')
      await concept(page, label).waitFor({ timeout: 5000 })
      await clear(label, panel)
    }
    await page.screenshot({ path: `${RESULTS_DIR}/keyboard-new-concept-stream.png` })

    // The facilitator's live view (wider) takes the panel's place, over Queue now: N beside it still shows.
    await page.locator('cg-facilitator-bar').getByRole('button', { name: 'Live view' }).click()
    const live = page.locator('cg-live-panel')
    await live.waitFor()
    await concept(page, 'Queue').click()
    await page.keyboard.press('n')
    await page.locator('cg-label-editor textarea').waitFor({ timeout: 2000 })
    await page.keyboard.type('Prices')
    await page.keyboard.press('Enter')
    await concept(page, 'Prices').waitFor({ timeout: 5000 })
    await clear('Prices', live)
    await page.screenshot({ path: `${RESULTS_DIR}/keyboard-new-concept-live.png` })

    // Find centres its match in the part of the map the panel leaves: on a 720 px screen the middle of
    // the whole view is under the live panel (380 px wide).
    await page.setViewportSize({ width: 720, height: 800 })
    await page.keyboard.press('Escape')
    await page.keyboard.press('Control+f')
    await page.getByRole('searchbox', { name: 'Find on the map' }).fill('Signs')
    await expect.poll(() => page.locator('cg-find-bar .count').innerText()).toBe('1 of 1')
    await expect.poll(async () => {
      const box = (await concept(page, 'Signs').boundingBox())!
      return box.x + box.width <= (await live.boundingBox())!.x
    }, { timeout: 3000 }).toBe(true)
    await page.screenshot({ path: `${RESULTS_DIR}/keyboard-find-beside-live.png` })

    // Signs is selected: every control of its colour panel, of Find and of the side panel's head can be
    // clicked, none under another. At 720 px the colour panel ran under the live view (its right half
    // hidden), Find covered it and the live view's Close.
    const heads = { live: ['Project', 'Close'], stream: ['Close the customer voice'] }
    for (const side of ['live', 'stream'] as const) {
      if (side === 'stream') await page.getByRole('button', { name: /^Customer voice/ }).click()
      await page.locator(side === 'live' ? 'cg-live-panel' : 'cg-stream-panel').waitFor()
      for (const [width, height] of [[720, 800], [900, 520], [1280, 800]] as const) {
        await page.setViewportSize({ width, height })
        const where = `${side} panel at ${width} × ${height}`
        await page.locator('cg-style-panel').waitFor()
        const hidden = async () => [...(await unreachable(page, ['cg-canvas', 'cg-style-panel'])), ...(await unreachable(page, ['cg-canvas', 'cg-find-bar']))]
        await expect.poll(hidden, { timeout: 3000, message: where }).toEqual([])
        expect(await page.locator('cg-style-panel button').count(), where).toBe(12)
        for (const name of heads[side]) await page.getByRole('button', { name, exact: true }).click({ trial: true, timeout: 2000 })
        await page.screenshot({ path: `${RESULTS_DIR}/keyboard-style-find-${side}-${width}x${height}.png` })
      }
    }

    // The facilitator's bar at 720 px: two rows with Export at most (it took three: Start session … Dot
    // vote, More alone, Export alone), every action still on it.
    await page.setViewportSize({ width: 720, height: 800 })
    const footer = await footerRows(page)
    expect(footer.rows).toBeLessThanOrEqual(2)
    expect(footer.shown).toEqual(['Start session', 'End session', 'Lock board', 'Live view', 'Dot vote', 'More'])
  })

  it('keeps the Tab order short for keyboard and screen reader users: the people (one stop), the map, the toolbar', async () => {
    const { id } = await h.server.createBoard('Keys', 'What makes a good visit?')
    const [b, c, u] = await Promise.all([h.server.invite(id, 'brand', 'Bea Brand'), h.server.invite(id, 'customer', 'Cy'), h.server.invite(id, 'customer', 'Di')])
    await openBoard(await h.newContext(), c.url)
    await openBoard(await h.newContext(), u.url)
    const page = await openBoard(await h.newContext(), b.url)
    await expect.poll(() => page.locator('cg-presence button.follow').count()).toBe(2)
    const focusedName = () => page.evaluate(() => {
      let el: Element | null = document.activeElement
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
      return el?.getAttribute('aria-label') ?? ''
    })
    await page.keyboard.press('Tab')
    expect(await focusedName()).toBe('Follow Cy’s view')
    // Arrows move between people; Tab goes on to the map, not to the next person.
    await page.keyboard.press('ArrowRight')
    await expect.poll(focusedName).toBe('Follow Di’s view')
    await page.keyboard.press('Tab')
    expect(await focusedTag(page)).toBe('div.map')
    await page.keyboard.press('Tab')
    await expect.poll(() => focusedTag(page)).toBe('button')
    // On through the toolbar to the buttons at the bottom, Export last.
    const owner = () => page.evaluate(() => {
      let el: Element | null = document.activeElement
      let host = ''
      while (el?.shadowRoot?.activeElement) {
        host = el.tagName.toLowerCase()
        el = el.shadowRoot.activeElement
      }
      return `${host} ${el?.textContent?.trim() ?? ''}`
    })
    const owners = [await owner()]
    for (let i = 0; i < 12 && !owners.includes('cg-export-menu Export'); i++) {
      await page.keyboard.press('Tab')
      owners.push(await owner())
    }
    expect(owners.filter((o) => !o.startsWith('cg-toolbar '))).toEqual(['cg-board Leave', 'cg-export-menu Export'])

    // The help says so: the people are a stop when others are here (alone, Tab goes to the map first).
    await page.keyboard.press('?')
    const tab = page.locator('cg-help-dialog dt', { hasText: /^Tab$/ }).locator('xpath=following-sibling::dd[1]')
    expect(await tab.textContent()).toBe(
      'Go down the board: Customer voice, the people when others are here (one stop: arrow keys pick whom to follow), the map, its toolbar, an open panel, then the buttons at the bottom'
    )
  })
})

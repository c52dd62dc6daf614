import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { RESULTS_DIR } from '../support/browser'
import { concept, openBoard, useHarness, waitLive, importCxl, boardMap } from './harness'
import { REAL_CXL as REAL } from '../support/shared-fixtures'


describe('board: what whiteboard users expect', () => {
  const h = useHarness()

  async function importReal(): Promise<string> {
    return importCxl(h, readFileSync(REAL))
  }

  const mapOf = (id: string) => boardMap(h, id)

  it('copies concepts with the links among them into another board, and duplicates them (Ctrl+C, V, D); each one undo', async () => {
    const from = await importReal()
    const { id: to } = await h.server.createBoard('Empty', 'Where do copies land?')
    const ctx = await h.newContext()
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'])
    const a = await openBoard(ctx, (await h.server.invite(from, 'brand', 'Bea')).url)
    await concept(a, 'alfa').click()
    await concept(a, 'delta').click({ modifiers: ['Shift'] })
    await concept(a, 'echoe').click({ modifiers: ['Shift'] })
    await a.keyboard.press('Control+c')
    await expect.poll(() => a.evaluate(() => navigator.clipboard.readText())).toContain('"common-ground/board-map"')

    const b = await openBoard(ctx, (await h.server.invite(to, 'customer', 'Carl')).url)
    await b.locator('cg-canvas').click({ position: { x: 400, y: 300 } })
    await b.keyboard.press('Control+v')
    await concept(b, 'alfa').waitFor()
    await waitLive(b)
    await expect.poll(async () => (await mapOf(to)).links.length).toBe(2)
    const pasted = await mapOf(to)
    expect(pasted.concepts.map((c) => c.label).sort()).toEqual(['alfa', 'delta', 'echoe'])
    expect(pasted.links.every((l) => l.label === 'for working on')).toBe(true)

    // Duplicate in the first board: three more concepts, two more links, beside the originals.
    await a.bringToFront()
    await concept(a, 'alfa').first().click()
    await concept(a, 'delta').first().click({ modifiers: ['Shift'] })
    await a.keyboard.press('Control+d')
    await expect.poll(async () => (await mapOf(from)).concepts.length).toBe(12)
    expect((await mapOf(from)).links).toHaveLength(12)
    await a.keyboard.press('Control+z')
    await expect.poll(async () => (await mapOf(from)).concepts.length).toBe(10)
  })

  it('a pasted concept keeps its customer-voice origin on its own board, not on another (no badge without a card)', async () => {
    const { id: from } = await h.server.createBoard('Voices', 'What do customers say?')
    const csv = 'text,author\nThe queue was long,Ana\n'
    expect((await h.server.api(`/api/boards/${from}/stream?format=csv`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } })).status).toBe(201)
    const { id: to } = await h.server.createBoard('Elsewhere', 'Where do copies land?')
    const ctx = await h.newContext({ viewport: { width: 1280, height: 800 } })
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'])
    const a = await openBoard(ctx, (await h.server.invite(from, 'brand', 'Bea')).url)
    await a.locator('cg-stream-panel li', { hasText: 'The queue was long' }).getByRole('button', { name: /Add to map/ }).click()
    await concept(a, 'The queue was long').waitFor()
    const origins = async (id: string) => (await mapOf(id)).concepts.map((c) => c.origin ?? null)
    await expect.poll(() => origins(from)).toHaveLength(1)
    const [item] = await origins(from)
    expect(item).toEqual(expect.any(String))

    await concept(a, 'The queue was long').click()
    await a.keyboard.press('Control+c')
    await expect.poll(() => a.evaluate(() => navigator.clipboard.readText())).toContain('"origin"')
    await a.keyboard.press('Control+v')
    await expect.poll(() => origins(from)).toEqual([item, item])
    await expect.poll(() => a.locator('cg-concept .box.from-stream').count()).toBe(2)

    const b = await openBoard(ctx, (await h.server.invite(to, 'customer', 'Carl')).url)
    await b.locator('cg-canvas').click({ position: { x: 400, y: 300 } })
    await b.keyboard.press('Control+v')
    await concept(b, 'The queue was long').waitFor()
    await waitLive(b)
    expect(await origins(to)).toEqual([null])
    expect(await concept(b, 'The queue was long').getAttribute('class')).not.toContain('from-stream')
  })

  it('restyles concepts from the panel for everyone, one undo, and exports draw the style', async () => {
    const id = await importReal()
    const a = await openBoard(await h.newContext(), (await h.server.invite(id, 'brand', 'Bea')).url)
    const b = await openBoard(await h.newContext(), (await h.server.invite(id, 'customer', 'Carl')).url)
    await concept(a, 'alfa').click()
    await concept(a, 'beta').click({ modifiers: ['Shift'] })
    await a.getByRole('button', { name: 'Colour: Navy' }).click()
    await a.getByRole('button', { name: 'Shape: Ellipse' }).click()
    const look = (label: string) => concept(b, label).evaluate((el) => ({ fill: getComputedStyle(el).getPropertyValue('--fill').trim(), text: getComputedStyle(el).color, cls: el.className }))
    await expect.poll(() => look('alfa')).toEqual({ fill: '#1e3a8a', text: 'rgb(255, 255, 255)', cls: 'box shape-ellipse' })
    expect(await look('beta')).toEqual({ fill: '#1e3a8a', text: 'rgb(255, 255, 255)', cls: 'box shape-ellipse' })
    await b.screenshot({ path: `${RESULTS_DIR}/whiteboard-style-other-1100.png` })
    const svg = await (await h.server.api(`/api/boards/${id}/export?format=svg`)).text()
    expect(svg.match(/<ellipse [^>]*fill="#1e3a8a"/g)).toHaveLength(2)
    const cxl = await (await h.server.api(`/api/boards/${id}/export?format=cxl`)).text()
    expect(cxl.match(/background-color="30,58,138,255" border-shape="oval"/g)).toHaveLength(2)
    // Undo takes the shape back, then the colour: each click was one step.
    await concept(a, 'alfa').click()
    await a.keyboard.press('Control+z')
    await expect.poll(async () => (await look('alfa')).cls).toBe('box')
    await a.keyboard.press('Control+z')
    await expect.poll(async () => (await look('alfa')).fill).toBe('')
  })

  it('fades an idle remote cursor, brings it back on a move, and stacks presence when more than four are there', async () => {
    const id = await importReal()
    const a = await openBoard(await h.newContext(), (await h.server.invite(id, 'brand', 'Bea')).url)
    const b = await openBoard(await h.newContext(), (await h.server.invite(id, 'customer', 'Carl')).url)
    const cursorClass = () => b.locator('cg-cursors .cursor[data-peer="Bea"]').getAttribute('class', { timeout: 1000 }).catch(() => null)
    await a.mouse.move(300, 300)
    await a.mouse.move(320, 310, { steps: 3 })
    await expect.poll(cursorClass).toBe('cursor')
    await expect.poll(cursorClass, { timeout: 9000 }).toBe('cursor idle')
    // While fading, the name is gone at once (half-faded text is unreadable and fails contrast).
    expect(await b.locator('cg-cursors .cursor[data-peer="Bea"] .name').evaluate((el) => getComputedStyle(el).visibility)).toBe('hidden')
    await a.mouse.move(360, 330, { steps: 3 })
    await expect.poll(cursorClass).toBe('cursor')
    // Back at once, not faded in: fully opaque as soon as it is no longer idle.
    expect(await b.locator('cg-cursors .cursor[data-peer="Bea"]').evaluate((el) => getComputedStyle(el).opacity)).toBe('1')

    for (const name of ['Dee', 'Eve', 'Fay']) await openBoard(await h.newContext(), (await h.server.invite(id, 'customer', name)).url)
    await b.getByRole('button', { name: 'Show the 5 people on this board' }).click()
    await b.getByRole('button', { name: 'Follow Fay’s view' }).waitFor()
    const pop = (await b.locator('cg-presence .pop').boundingBox())!
    expect(pop.x).toBeGreaterThanOrEqual(0)
    expect(pop.x + pop.width).toBeLessThanOrEqual(b.viewportSize()!.width)
    await b.screenshot({ path: `${RESULTS_DIR}/whiteboard-avatars-1100.png` })
    // Five browser pages and a 5 s idle wait: more than the default on a loaded machine.
  }, 90_000)

  it('shows an overview of a large map, and a press on it moves the view there', async () => {
    // 40 concepts in a wide grid: more than the first view shows readably.
    const concepts = Array.from({ length: 40 }, (_, i) => ({ id: `c${i}`, label: `Idea ${i}`, x: (i % 8) * 420, y: Math.floor(i / 8) * 300 }))
    const res = await h.server.api('/api/boards/import?format=json', { method: 'POST', body: JSON.stringify({ concepts, links: [] }), headers: { 'content-type': 'application/json' } })
    const { id } = (await res.json()) as { id: string }
    const page = await openBoard(await h.newContext(), (await h.server.invite(id, 'brand', 'Bea')).url)
    const minimap = page.locator('cg-minimap canvas')
    await minimap.waitFor()
    const onScreen = async (label: string) => {
      const b = await concept(page, label).boundingBox()
      const v = page.viewportSize()!
      return b !== null && b.x >= 0 && b.x + b.width <= v.width && b.y >= 60 && b.y + b.height <= v.height
    }
    await page.getByRole('button', { name: 'Zoom in' }).click()
    await page.getByRole('button', { name: 'Zoom in' }).click()
    const m = (await minimap.boundingBox())!
    // The map is wider than tall, so it spans the overview's width; its middle row is row 2.
    await minimap.click({ position: { x: m.width - 12, y: m.height / 2 } })
    await expect.poll(() => onScreen('Idea 23')).toBe(true)
    expect(await onScreen('Idea 16')).toBe(false)
    await minimap.click({ position: { x: 12, y: m.height / 2 } })
    await expect.poll(() => onScreen('Idea 16')).toBe(true)
    expect(await onScreen('Idea 23')).toBe(false)
    await page.screenshot({ path: `${RESULTS_DIR}/whiteboard-minimap-1100.png` })
  })

  it('finds labels (Ctrl+F), steps through the matches and flies to each', async () => {
    const id = await importReal()
    const page = await openBoard(await h.newContext(), (await h.server.invite(id, 'brand', 'Bea')).url)
    await page.locator('cg-canvas').click({ position: { x: 30, y: 300 } })
    await page.keyboard.press('Control+f')
    const field = page.getByRole('searchbox', { name: 'Find on the map' })
    await expect.poll(() => field.evaluate((el) => el.matches(':focus'))).toBe(true)
    await field.fill('for')
    // "for working on", "for the creation of" (phrases), "foxtrot" does not match.
    await expect.poll(() => page.locator('cg-find-bar .count').innerText()).toBe('1 of 2')
    const selected = () => page.evaluate(() => {
      const root = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!
      return [...root.querySelectorAll('[aria-selected="true"]')].map((el) => el.textContent?.trim())
    })
    const first = await selected()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('cg-find-bar .count').innerText()).toBe('2 of 2')
    const second = await selected()
    expect([...first, ...second].sort()).toEqual(['for the creation of', 'for working on'])
    await field.fill('ALFA')
    await expect.poll(() => page.locator('cg-find-bar .count').innerText()).toBe('1 of 1')
    // Flown to: the match sits in the middle of the view.
    const box = (await concept(page, 'alfa').boundingBox())!
    const view = page.viewportSize()!
    expect(Math.abs(box.x + box.width / 2 - view.width / 2)).toBeLessThan(60)
    await page.screenshot({ path: `${RESULTS_DIR}/whiteboard-find-1280.png` })
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('cg-find-bar').count()).toBe(0)
  })
})

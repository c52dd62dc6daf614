import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { addConcept, addLink, mapOf, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { RESULTS_DIR } from '../support/browser'
import { axe, seriousViolations, useHarness } from './harness'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const mapConcepts = (page: Page) => page.locator('cg-replay-map svg .concept text').allTextContents().then((l) => l.sort())
const mapLinks = (page: Page) => page.locator('cg-replay-map svg .link text').allTextContents()
const listed = (page: Page) => page.locator('cg-replay ol.events li').count()
const current = (page: Page) => page.locator('cg-replay ol.events li[aria-current="true"] .what').textContent()

/** Moves the scrubber as a person dragging it would (an input event with the new value). */
async function scrubTo(page: Page, t: number): Promise<void> {
  await page.locator('cg-replay input.scrubber').evaluate((el, v) => {
    const input = el as HTMLInputElement
    input.value = v
    input.dispatchEvent(new Event('input', { bubbles: true }))
  }, String(t))
}

describe('replay page', () => {
  const h = useHarness()
  const clients: StockClient[] = []
  afterAll(async () => {
    for (const c of clients) c.destroy()
  })

  it('shows the map as it stood at a scrubbed moment, steps through events, and follows a live board', async () => {
    const { id } = await h.server.createBoard('Delivery', 'What builds trust?')
    const [b, c, f] = await Promise.all([
      h.server.invite(id, 'brand', 'Bea'),
      h.server.invite(id, 'customer', 'Carl'),
      h.server.invite(id, 'facilitator', 'Fay')
    ])
    const brand = stockClient(h.server.wsUrl, id, b.token)
    const customer = stockClient(h.server.wsUrl, id, c.token)
    clients.push(brand, customer)
    await Promise.all([synced(brand), synced(customer)])
    const moments: number[] = []
    const edit = async (client: StockClient, change: (doc: Y.Doc) => void) => {
      change(client.doc)
      const want = mapOf(client.doc)
      await waitFor(() => mapOf(brand.doc) === want && mapOf(customer.doc) === want)
      await sleep(40)
      moments.push(Date.now())
      await sleep(40)
    }
    await edit(brand, (d) => addConcept(d, 'a', 'Delivery', 0, 0))
    await edit(customer, (d) => addConcept(d, 'b', 'Trust', 300, 0))
    await edit(customer, (d) => addLink(d, 'l', 'a', 'b', 'builds'))
    await edit(brand, (d) => d.getMap<Y.Map<unknown>>('concepts').get('b')!.set('label', 'Customer trust'))

    const page = await (await h.newContext()).newPage()
    await page.goto(`${h.server.url}/replay/${id}?token=${f.token}`)
    await expect.poll(() => listed(page), { timeout: 10_000 }).toBe(4)
    // The token does not stay in the address bar.
    expect(page.url()).not.toContain('token=')
    // It opens at the present.
    await expect.poll(() => mapConcepts(page)).toEqual(['Customer trust', 'Delivery'])
    await expect.poll(() => mapLinks(page)).toEqual(['builds'])
    expect(await current(page)).toBe('Bea (brand) renamed concept “Trust” to “Customer trust”')
    // The customer's link built on the brand's concept, and the brand's relabel on the customer's.
    expect(await page.locator('cg-replay ol.events li .badge').count()).toBe(2)

    const results = await axe(page).analyze()
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(serious.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([])

    // Scrubbed to between the second and third event: two concepts, no link yet.
    await scrubTo(page, moments[1]!)
    await expect.poll(() => mapConcepts(page)).toEqual(['Delivery', 'Trust'])
    await expect.poll(() => mapLinks(page)).toEqual([])
    expect(await current(page)).toBe('Carl (customer) created concept “Trust”')

    await page.getByRole('button', { name: 'Previous event' }).click()
    await expect.poll(() => mapConcepts(page)).toEqual(['Delivery'])
    expect(await current(page)).toBe('Bea (brand) created concept “Delivery”')
    await page.getByRole('button', { name: 'Next event' }).click()
    await page.getByRole('button', { name: 'Next event' }).click()
    await expect.poll(() => mapLinks(page)).toEqual(['builds'])
    await expect.poll(() => mapConcepts(page)).toEqual(['Delivery', 'Trust'])

    // Highlighting one side fades the other side's events.
    await page.locator('cg-replay select.highlight').selectOption('U')
    expect(await page.locator('cg-replay ol.events li.faded').count()).toBe(2)

    // The board is live: a new edit reaches the list, and playing to the end shows it on the map.
    await edit(brand, (d) => addConcept(d, 'c', 'Price', 0, 200))
    await expect.poll(() => listed(page), { timeout: 10_000 }).toBe(5)
    await page.locator('cg-replay select.speed').selectOption('64')
    await page.getByRole('button', { name: 'Play' }).click()
    await expect.poll(() => mapConcepts(page), { timeout: 10_000 }).toEqual(['Customer trust', 'Delivery', 'Price'])
  })

  it('draws a phrase between two close concepts clear of both, as the board does', async () => {
    // The replay put every phrase at the midpoint: between concepts closer than the phrase is wide
    // it showed "…e w" between the boxes.
    const { id } = await h.server.createBoard('Close', 'What builds trust?')
    const [b, f] = await Promise.all([h.server.invite(id, 'brand', 'Bea'), h.server.invite(id, 'facilitator', 'Fay')])
    const brand = stockClient(h.server.wsUrl, id, b.token)
    clients.push(brand)
    await synced(brand)
    addConcept(brand.doc, 'a', 'Fair Really prices always', 0, 0)
    addConcept(brand.doc, 'b', 'Friendly staff', 190, 0)
    addLink(brand.doc, 'l', 'a', 'b', 'come with')
    addConcept(brand.doc, 'c', 'Had to create an account just to buy one thing, then it asked again', 0, 220)
    const page = await (await h.newContext()).newPage()
    await page.goto(`${h.server.url}/replay/${id}?token=${f.token}`)
    await expect.poll(() => mapLinks(page), { timeout: 10_000 }).toEqual(['come with'])
    await expect.poll(() => page.locator('cg-replay-map svg .concept').count(), { timeout: 10_000 }).toBe(3)
    // A long label wraps inside its box as on the board (it ran out of both sides on one line).
    const inside = await page.locator('cg-replay-map svg .concept').evaluateAll((groups) =>
      groups.map((g) => {
        const box = g.querySelector('rect:not(.uptake)')!.getBoundingClientRect()
        const text = g.querySelector('text')!.getBoundingClientRect()
        return text.left >= box.left - 0.5 && text.right <= box.right + 0.5 && text.top >= box.top - 0.5 && text.bottom <= box.bottom + 0.5
      })
    )
    expect(inside).toEqual([true, true, true])
    const phrase = (await page.locator('cg-replay-map svg .link text').boundingBox())!
    for (const rect of await page.locator('cg-replay-map svg .concept rect').all()) {
      const r = (await rect.boundingBox())!
      const apart = phrase.x >= r.x + r.width || r.x >= phrase.x + phrase.width || phrase.y >= r.y + r.height || r.y >= phrase.y + phrase.height
      expect(apart, 'the phrase is clear of each concept').toBe(true)
    }
    // A white box behind the phrase as wide as it: the line does not show through the space in "come with".
    const back = (await page.locator('cg-replay-map svg .link rect.phrase').boundingBox())!
    expect(back.x).toBeLessThanOrEqual(phrase.x + 0.5)
    expect(back.x + back.width).toBeGreaterThanOrEqual(phrase.x + phrase.width - 0.5)
    await page.locator('cg-replay-map').screenshot({ path: `${RESULTS_DIR}/replay-close-concepts.png` })
  })
})

describe('replay page: snapshots and sessions', () => {
  const h = useHarness()

  it('takes a named snapshot, marks a session, opens a snapshot and compares two', async () => {
    const { id } = await h.server.createBoard('Delivery', 'What builds trust?')
    const [b, f] = await Promise.all([h.server.invite(id, 'brand', 'Bea'), h.server.invite(id, 'facilitator', 'Fay')])
    const brand = stockClient(h.server.wsUrl, id, b.token)
    try {
      await synced(brand)
      addConcept(brand.doc, 'a', 'Delivery')
      const page = await (await h.newContext()).newPage()
      await page.goto(`${h.server.url}/replay/${id}#token=${f.token}`)
      await expect.poll(() => listed(page), { timeout: 10_000 }).toBe(1)
      await page.locator('cg-snapshot-panel input.snapshot-name').fill('First idea')
      await page.getByRole('button', { name: 'Take snapshot' }).click()
      await expect.poll(() => page.locator('cg-snapshot-panel ul.snapshots li').count()).toBe(1)

      await page.getByRole('button', { name: 'Start session' }).click()
      await page.getByRole('button', { name: 'End session' }).waitFor()
      // The replay switches to the new session: nothing has happened in it yet.
      await expect.poll(() => listed(page), { timeout: 10_000 }).toBe(0)
      addConcept(brand.doc, 'b', 'Trust')
      await expect.poll(() => listed(page), { timeout: 10_000 }).toBe(1)
      await page.getByRole('button', { name: 'End session' }).click()
      // Ending the session took its session-end snapshot.
      await expect.poll(() => page.locator('cg-snapshot-panel ul.snapshots li').count()).toBe(2)
      const { snapshots } = (await (await h.server.api(`/api/boards/${id}/snapshots`)).json()) as { snapshots: Array<{ name: string; kind: string }> }
      // By time: the end of the stretch of activity before the session (it ended when the session
      // began), the named one, the session's end.
      expect(snapshots.map((s) => s.kind)).toEqual(['session-end', 'manual', 'session-end'])
      expect(snapshots[1]!.name).toBe('First idea')

      await page.getByRole('button', { name: 'First idea' }).click()
      await expect.poll(() => mapConcepts(page)).toEqual(['Delivery'])
      await page.getByRole('button', { name: 'Compare' }).click()
      await expect.poll(() => page.locator('cg-snapshot-panel .comparison').textContent()).toContain('added “Trust”')
    } finally {
      brand.destroy()
    }
  })

  it('opens on the latest session with events, names what was deleted and what links join, and snapshots the scrubbed moment', async () => {
    const { id } = await h.server.createBoard('Delivery', 'What builds trust?')
    const [b, f] = await Promise.all([h.server.invite(id, 'brand', 'Bea'), h.server.invite(id, 'facilitator', 'Fay')])
    const brand = stockClient(h.server.wsUrl, id, b.token)
    try {
      await synced(brand)
      const history = async () => ((await (await h.server.api(`/api/boards/${id}/history`)).json()) as { events: Array<{ at: number }> }).events
      const step = async (change: () => void, count: number) => {
        change()
        await expect.poll(async () => (await history()).length, { timeout: 5000 }).toBe(count)
        await sleep(30)
      }
      await step(() => addConcept(brand.doc, 'a', 'Delivery'), 1)
      await step(() => addConcept(brand.doc, 'b', 'Trust'), 2)
      await step(() => addLink(brand.doc, 'l', 'a', 'b', 'builds'), 3)
      await step(() => brand.doc.getMap('links').delete('l'), 4)
      await step(() => brand.doc.getMap('concepts').delete('b'), 5)
      const linked = (await history())[2]!.at
      // A session marked afterwards where nothing happened: the replay does not open on it.
      expect((await h.server.api(`/api/boards/${id}/sessions/start`, { method: 'POST', body: '{"name":"Empty"}' })).status).toBe(201)

      const page = await (await h.newContext()).newPage()
      await page.goto(`${h.server.url}/replay/${id}#token=${f.token}`)
      await expect.poll(() => listed(page), { timeout: 10_000 }).toBe(5)
      expect((await page.locator('cg-replay header select option:checked').innerText()).trim()).toMatch(/^Activity/)
      expect(await page.locator('cg-replay ol.events li .what').allTextContents()).toEqual([
        'Bea (brand) created concept “Delivery”',
        'Bea (brand) created concept “Trust”',
        'Bea (brand) created link “builds” from “Delivery” to “Trust”',
        'Bea (brand) deleted link “builds” from “Delivery” to “Trust”',
        'Bea (brand) deleted concept “Trust”'
      ])

      // Scrubbed back to when the link stood: the snapshot is of that moment, not of now.
      await scrubTo(page, linked + 10)
      await expect.poll(() => mapLinks(page)).toEqual(['builds'])
      await page.locator('cg-snapshot-panel input.snapshot-name').fill('When it was linked')
      await page.getByRole('button', { name: /^Take snapshot at / }).click()
      await expect.poll(() => page.locator('cg-snapshot-panel [role="status"]').innerText()).toMatch(/^Snapshot “When it was linked” taken of the map at /)
      const { snapshots } = (await (await h.server.api(`/api/boards/${id}/snapshots`)).json()) as { snapshots: Array<{ id: string; name: string; at: number }> }
      const taken = snapshots.find((x) => x.name === 'When it was linked')!
      expect(taken.at).toBe(linked + 10)
      const full = (await (await h.server.api(`/api/boards/${id}/snapshots/${taken.id}`)).json()) as { map: { links: Array<{ label: string }> } }
      expect(full.map.links.map((l) => l.label)).toEqual(['builds'])
    } finally {
      brand.destroy()
    }
  })

  it('keeps the map in step with the event list while playing at 64×', async () => {
    const { id } = await h.server.createBoard('Pace', 'What builds trust?')
    const [b, f] = await Promise.all([h.server.invite(id, 'brand', 'Bea'), h.server.invite(id, 'facilitator', 'Fay')])
    const brand = stockClient(h.server.wsUrl, id, b.token)
    try {
      await synced(brand)
      const count = 24
      for (let i = 1; i <= count; i++) {
        addConcept(brand.doc, `c${i}`, `Idea ${i}`, (i % 6) * 150, Math.floor(i / 6) * 80)
        await sleep(200)
      }
      const page = await (await h.newContext()).newPage()
      await page.goto(`${h.server.url}/replay/${id}#token=${f.token}`)
      await expect.poll(() => listed(page), { timeout: 10_000 }).toBe(count)
      await page.locator('cg-replay select.speed').selectOption('64')
      await page.getByRole('button', { name: 'Previous event' }).click()
      for (let i = 0; i < count; i++) await page.getByRole('button', { name: 'Previous event' }).click()
      // The session starts with its first event.
      await expect.poll(() => mapConcepts(page)).toEqual(['Idea 1'])
      // Every frame while it plays: the event the list marks as current, and the concepts drawn.
      await page.evaluate(() => {
        const w = window as unknown as { samples: Array<[string, number]>; sampling: boolean }
        w.samples = []
        w.sampling = true
        const replay = document.querySelector('cg-replay')!.shadowRoot!
        const frame = () => {
          const current = replay.querySelector('li[aria-current="true"] .what')?.textContent ?? ''
          const drawn = replay.querySelector('cg-replay-map')!.shadowRoot!.querySelectorAll('.concept').length
          w.samples.push([current, drawn])
          if (w.sampling) requestAnimationFrame(frame)
        }
        requestAnimationFrame(frame)
      })
      await page.getByRole('button', { name: 'Play' }).click()
      await expect.poll(() => mapConcepts(page), { timeout: 10_000 }).toHaveLength(count)
      const samples = await page.evaluate(() => {
        const w = window as unknown as { samples: Array<[string, number]>; sampling: boolean }
        w.sampling = false
        return w.samples
      })
      const playing = samples.filter(([current]) => /Idea/.test(current))
      expect(playing.length).toBeGreaterThan(3)
      // "… created concept “Idea 7”" is current exactly when seven concepts are drawn.
      const mismatched = playing.filter(([current, drawn]) => Number(/Idea (\d+)/.exec(current)![1]) !== drawn)
      expect(mismatched).toEqual([])
    } finally {
      brand.destroy()
    }
  })
})

describe('replay page: a long event list, at a desk and on a phone', () => {
  const h = useHarness()
  let url = ''
  const count = 30
  beforeAll(async () => {
    const { id } = await h.server.createBoard('Long', 'What builds trust?')
    const [b, f] = await Promise.all([h.server.invite(id, 'brand', 'Bea'), h.server.invite(id, 'facilitator', 'Fay')])
    const brand = stockClient(h.server.wsUrl, id, b.token)
    try {
      await synced(brand)
      for (let i = 1; i <= count; i++) addConcept(brand.doc, `c${i}`, `Idea ${i}`, (i % 6) * 150, Math.floor(i / 6) * 80)
      // (beforeAll has no expect.poll.)
      const recorded = async () => ((await (await h.server.api(`/api/boards/${id}/history`)).json()) as { events: unknown[] }).events.length
      for (const start = Date.now(); (await recorded()) < count; await sleep(100)) {
        if (Date.now() - start > 10_000) throw new Error('the edits were not recorded')
      }
    } finally {
      brand.destroy()
    }
    url = `${h.server.url}/replay/${id}#token=${f.token}`
  })

  async function open(options: { width: number; height: number; touch: boolean }): Promise<Page> {
    const ctx = await h.newContext({ viewport: { width: options.width, height: options.height }, hasTouch: options.touch, isMobile: options.touch })
    const page = await ctx.newPage()
    await page.goto(url)
    await expect.poll(() => listed(page), { timeout: 10_000 }).toBe(count)
    await expect.poll(() => mapConcepts(page).then((l) => l.length)).toBe(count)
    return page
  }
  const events = (page: Page) => page.getByRole('list', { name: 'Events' })
  const scrolls = (page: Page) => events(page).evaluate((el) => el.scrollHeight > el.clientHeight)

  it('has no serious axe violation with the list scrolling, and the list scrolls from the keyboard', async () => {
    const page = await open({ width: 1280, height: 800, touch: false })
    expect(await scrolls(page)).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    // It opens at the last event, scrolled to the bottom; Home from the keyboard goes to the top: as
    // far up as keeps the first moment's current row in view. The edits came in one burst, so on a
    // busy machine several share the first moment's millisecond and its current row is further down.
    expect(await events(page).evaluate((el) => el.scrollTop)).toBeGreaterThan(0)
    await events(page).focus()
    await page.keyboard.press('Home')
    const fromTop = () =>
      events(page).evaluate((el) => {
        const row = el.querySelector('li[aria-current="true"]')!.getBoundingClientRect()
        const rowBottom = row.bottom - (el.getBoundingClientRect().top + el.clientTop) + el.scrollTop
        return { scrollTop: Math.round(el.scrollTop), least: Math.max(0, Math.round(rowBottom - el.clientHeight)) }
      })
    await expect.poll(async () => { const f = await fromTop(); return Math.abs(f.scrollTop - f.least) <= 1 }).toBe(true)
    expect(await page.getByRole('status').filter({ hasText: /^Event \d+ of 30/ }).count()).toBe(1)
  })

  it('steps through the events from the keyboard, as a click on one does, and says where it is', async () => {
    const page = await open({ width: 1280, height: 800, touch: false })
    const status = page.locator('cg-replay p.stepped[role="status"]')
    // Which "Idea N" is current; the status names it as event N of 30 (each created one concept).
    const at = async () => Number(/Idea (\d+)/.exec((await current(page)) ?? '')?.[1])
    const says = async (n: number) => expect.poll(() => status.textContent()).toMatch(new RegExp(`^Event ${n} of 30, .*: Bea \\(brand\\) created concept “Idea ${n}”$`))
    await events(page).focus()
    // Opened at the last event; Up goes to an earlier moment (edits sent together share theirs), the map with it.
    expect(await at()).toBe(30)
    await page.keyboard.press('ArrowUp')
    await expect.poll(at).toBeLessThan(30)
    const back = await at()
    await says(back)
    await expect.poll(() => mapConcepts(page).then((l) => l.length)).toBe(back)
    await page.screenshot({ path: `${RESULTS_DIR}/replay-keyboard-1280.png` })
    await page.keyboard.press('Home')
    await expect.poll(at).toBeLessThan(back)
    const first = await at()
    await says(first)
    await expect.poll(() => mapConcepts(page).then((l) => l.length)).toBe(first)
    await page.keyboard.press('ArrowDown')
    await expect.poll(at).toBeGreaterThan(first)
    await page.keyboard.press('End')
    await expect.poll(at).toBe(30)
    await says(30)
    // Focus stayed on the list throughout.
    expect(await events(page).evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true)
  })

  it('on a 390 px phone: the map stacks above the list with room to read it, and stepping keeps the page still', async () => {
    const page = await open({ width: 390, height: 844, touch: true })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    const map = (await page.locator('cg-replay-map').boundingBox())!
    const list = (await events(page).boundingBox())!
    // Side by side it was 2 px wide.
    expect(map.width).toBeGreaterThanOrEqual(300)
    expect(map.height).toBeGreaterThanOrEqual(200)
    expect(map.y + map.height).toBeLessThanOrEqual(list.y)
    expect(await scrolls(page)).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    // Stepping back follows the current event in the list without scrolling the page off the map.
    await page.evaluate(() => window.scrollTo(0, 0))
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Previous event' }).tap()
    await expect.poll(() => current(page)).not.toBe('Bea (brand) created concept “Idea 30”')
    expect(await page.evaluate(() => window.scrollY)).toBe(0)
    // The list scrolled instead: the current event is inside its box (to a pixel's rounding).
    const shown = (await events(page).boundingBox())!
    const now = (await page.locator('cg-replay ol.events li[aria-current="true"]').boundingBox())!
    expect(now.y).toBeGreaterThanOrEqual(shown.y - 1)
    expect(now.y + now.height).toBeLessThanOrEqual(shown.y + shown.height + 1)
  })
})

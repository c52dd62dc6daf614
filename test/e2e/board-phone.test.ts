import { readFileSync } from 'node:fs'
import type { BrowserContextOptions, Locator } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { RESULTS_DIR } from '../support/browser'
import { concept, openBoard, seriousViolations, useHarness, importCxl } from './harness'
import { largeSecurityCmap } from '../support/large-cmap'
import { REAL_CXL as REAL } from '../support/shared-fixtures'
import { reaches } from '../support/reach'

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }
const FRAME: BrowserContextOptions = { viewport: { width: 600, height: 450 } }

describe('board: a phone and a small frame take full part', () => {
  const h = useHarness()

  async function board(options: BrowserContextOptions, name: string) {
    const id = await importCxl(h, readFileSync(REAL))
    const ctx = await h.newContext(options)
    // Someone else is there too, so presence has more than one person.
    const other = await openBoard(await h.newContext(), (await h.server.invite(id, 'brand', 'Bea Brand')).url)
    const page = await openBoard(ctx, (await h.server.invite(id, 'customer', name)).url)
    return { id, page, other }
  }

  for (const [size, options] of [['390×844 touch', PHONE], ['600 px frame', FRAME]] as const) {
    it(`fits the toolbar (a More menu for the rest), keeps presence to one row, and opens readable at ${size}`, async () => {
      const { page } = await board(options, 'Carla Customer')
      const width = options.viewport!.width
      const toolbar = (await page.locator('cg-toolbar').boundingBox())!
      expect(toolbar.x).toBeGreaterThanOrEqual(0)
      expect(toolbar.x + toolbar.width).toBeLessThanOrEqual(width)
      // Every toolbar button on screen is a full touch target on the phone.
      const sizes = await page.locator('cg-toolbar').evaluate((el) => [...el.shadowRoot!.querySelectorAll('button')]
        .filter((b) => b.getClientRects().length > 0).map((b) => b.getBoundingClientRect()).map((r) => Math.min(r.width, r.height)))
      expect(sizes.length).toBeGreaterThanOrEqual(6)
      if (options === PHONE) expect(Math.min(...sizes), JSON.stringify(sizes)).toBeGreaterThanOrEqual(44)

      await page.getByRole('button', { name: 'More tools' }).click()
      await page.getByRole('menuitem', { name: 'Zoom in' }).click()
      await expect.poll(() => page.getByRole('menu', { name: 'More tools' }).count()).toBe(0)

      // Presence is one row: an avatar stack that opens the list, Follow included.
      const presence = (await page.locator('cg-presence').boundingBox())!
      expect(presence.height).toBeLessThanOrEqual(48)
      // Its initials and count are not its visible label (axe 4.14: label-content-name-mismatch).
      expect(await seriousViolations(page)).toEqual([])
      await page.getByRole('button', { name: 'Show the 2 people on this board' }).click()
      await page.getByRole('button', { name: 'Follow Bea Brand’s view' }).waitFor()

      const zoom = await page.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.viewport.zoom)
      expect(zoom).toBeGreaterThanOrEqual(0.5)
      await page.screenshot({ path: `${RESULTS_DIR}/phone-${width}.png` })
    })
  }

  it('keeps the header short on a phone: alone on the board a customer’s name and the save status share one row, none overlapping or off screen', async () => {
    // [role, name, the header's greatest height]: a facilitator has the Customer voice button too.
    for (const [role, name, most] of [['customer', 'Carla Customer', 100], ['facilitator', 'Fran Facil', 145]] as const) {
      // A board each, so each is alone on it (with two, presence is an avatar stack).
      const id = await importCxl(h, readFileSync(REAL))
      const ctx = await h.newContext(PHONE)
      const page = await openBoard(ctx, (await h.server.invite(id, role, name)).url)
      await page.locator('cg-presence li').first().waitFor()
      const head = await page.evaluate(() => {
        const root = document.querySelector('cg-board')!.shadowRoot!
        const box = (sel: string) => root.querySelector(sel)!.getBoundingClientRect().toJSON() as DOMRect
        const chip = root.querySelector('cg-presence')!.shadowRoot!.querySelector('li')!.getBoundingClientRect().toJSON() as DOMRect
        return { header: box('header'), chip, status: box('cg-status') }
      })
      await page.screenshot({ path: `${RESULTS_DIR}/phone-header-${role}.png` })
      expect(head.header.height, role).toBeLessThanOrEqual(most)
      for (const r of [head.chip, head.status]) expect(r.right, role).toBeLessThanOrEqual(390)
      const apart = head.chip.right <= head.status.left || head.status.bottom <= head.chip.top || head.chip.bottom <= head.status.top
      expect(apart, `${role}: the name chip and the status overlap`).toBe(true)
      if (role === 'customer') expect(Math.abs(head.chip.top + head.chip.height / 2 - (head.status.top + head.status.height / 2))).toBeLessThan(6)
    }
  })

  it('shows a long focus question in two lines on a phone, whole on a tap, and two again on a tap on the map', async () => {
    const { id } = await h.server.createBoard('Workshop A', 'What makes customers come back to a neighbourhood coffee shop, week after week, when a chain opens next door?')
    const ctx = await h.newContext(PHONE)
    const page = await openBoard(ctx, (await h.server.invite(id, 'customer', 'Carla Customer')).url)
    const heading = page.getByRole('heading', { level: 1 })
    const lines = () => heading.evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)))
    expect(await lines()).toBe(2)
    // Screen readers get it whole.
    expect(await heading.textContent()).toMatch(/when a chain opens next door\?$/)
    await heading.tap()
    await expect.poll(lines).toBeGreaterThan(2)
    await page.screenshot({ path: `${RESULTS_DIR}/phone-long-question-open.png` })
    await page.locator('cg-canvas').tap({ position: { x: 200, y: 300 } })
    await expect.poll(lines).toBe(2)
    await page.screenshot({ path: `${RESULTS_DIR}/phone-long-question.png` })
  })

  it('gives a phone on its side (844 × 390) one row of header and of footer, the toolbar its own row, and the map the rest', async () => {
    // Before: the header wrapped to two rows and the toolbar floated over the map, leaving a
    // facilitator about 60 px of map between the toolbar and three rows of session buttons.
    const LANDSCAPE: BrowserContextOptions = { viewport: { width: 844, height: 390 }, hasTouch: true, isMobile: true }
    for (const [role, name] of [['customer', 'Carla Customer'], ['facilitator', 'Fran Facilitator']] as const) {
      const id = await importCxl(h, readFileSync(REAL))
      const ctx = await h.newContext(LANDSCAPE)
      const page = await openBoard(ctx, (await h.server.invite(id, role, name)).url)
      await concept(page, 'alfa').waitFor()
      if (role === 'facilitator') await page.locator('cg-facilitator-bar button').first().waitFor()
      const r = await page.evaluate(() => {
        const root = document.querySelector('cg-board')!.shadowRoot!
        const box = (sel: string) => root.querySelector(sel)!.getBoundingClientRect().toJSON() as DOMRect
        const buttons = [...root.querySelectorAll('footer button, cg-export-menu'), ...(root.querySelector('cg-facilitator-bar')?.shadowRoot!.querySelectorAll('button, summary') ?? [])]
        // Those shown (not a closed menu's items).
        const shown = buttons.filter((b) => b.checkVisibility({ visibilityProperty: true })).map((b) => b.getBoundingClientRect())
        const tops = new Set(shown.map((b) => Math.round((b.top + b.height / 2) / 8)))
        return { header: box('header'), canvas: box('cg-canvas'), toolbar: box('cg-toolbar'), footer: box('footer'), footerRows: tops.size }
      })
      await page.screenshot({ path: `${RESULTS_DIR}/phone-landscape-${role}.png` })
      expect(r.header.height, role).toBeLessThanOrEqual(60)
      expect(r.footerRows, `${role}: footer rows`).toBe(1)
      // The toolbar is under the map, not over it, and the map keeps well over half the screen's height.
      expect(r.toolbar.top, role).toBeGreaterThanOrEqual(r.canvas.bottom - 1)
      expect(r.canvas.height, role).toBeGreaterThanOrEqual(190)
      expect(r.footer.bottom, role).toBeLessThanOrEqual(390)
    }
  })

  it('gives the link handle a touch target of at least 44 screen pixels', async () => {
    const { page } = await board(PHONE, 'Carla Customer')
    await concept(page, 'iris').tap()
    const handle = concept(page, 'iris').locator('.handle')
    await handle.waitFor()
    // The touch area in screen pixels: the handle and its padding, both scaled by the zoom.
    const target = await handle.evaluate((el) => {
      const s = getComputedStyle(el, '::before')
      const r = el.getBoundingClientRect()
      const scale = r.width / (el as HTMLElement).offsetWidth
      return { w: r.width - 2 * parseFloat(s.left) * scale, h: r.height - 2 * parseFloat(s.top) * scale }
    })
    expect(target.w).toBeGreaterThanOrEqual(44)
    expect(target.h).toBeGreaterThanOrEqual(44)
  })

  it('pans the view, not the layer, when a concept off screen is scrolled into view: the colour panel stays on the phone’s screen', async () => {
    const id = await importCxl(h, largeSecurityCmap().xml)
    const ctx = await h.newContext(PHONE)
    const page = await openBoard(ctx, (await h.server.invite(id, 'brand', 'Bea Brand')).url)
    // RSA is in the map's last column, right of a phone's first view: tapping it scrolls it into view.
    const rsa = concept(page, 'RSA')
    await rsa.waitFor({ state: 'attached' })
    await rsa.tap()
    const panel = page.getByRole('toolbar', { name: 'Concept colour and shape' })
    await panel.waitFor()
    await page.waitForTimeout(300)
    const p = (await page.locator('cg-style-panel').boundingBox())!
    expect(p.x).toBeGreaterThanOrEqual(0)
    expect(p.x + p.width).toBeLessThanOrEqual(390)
    const r = (await rsa.boundingBox())!
    expect(r.x).toBeGreaterThanOrEqual(0)
    expect(r.x + r.width).toBeLessThanOrEqual(390)
    const scrolled = await page.evaluate(() => {
      const vp = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!.querySelector('.viewport')!
      return [vp.scrollLeft, vp.scrollTop]
    })
    expect(scrolled).toEqual([0, 0])
    // The view and the pointer agree again: a tap on the colour recolours the concept tapped.
    await page.getByRole('button', { name: 'Colour: Navy' }).tap()
    await expect.poll(() => rsa.evaluate((el) => getComputedStyle(el).getPropertyValue('--fill').trim())).toBe('#1e3a8a')
    await page.screenshot({ path: `${RESULTS_DIR}/phone-offscreen-tap.png` })
  })

  it('keeps the view still while a label is edited and the phone’s keyboard opens and closes (resizes): no re-fit, the label in sight', async () => {
    // A small map, fitted whole: the view is a fit nobody has moved, which a resize would otherwise redo.
    const concepts = [
      { id: 'a', label: 'Alpha', x: 0, y: 0 }, { id: 'b', label: 'Beta', x: 200, y: 0 },
      { id: 'c', label: 'Gamma', x: 0, y: 320 }, { id: 'd', label: 'Delta', x: 200, y: 320 }
    ]
    const res = await h.server.api('/api/boards/import?format=json', { method: 'POST', body: JSON.stringify({ concepts, links: [] }), headers: { 'content-type': 'application/json' } })
    const { id } = (await res.json()) as { id: string }
    const ctx = await h.newContext(PHONE)
    const page = await openBoard(ctx, (await h.server.invite(id, 'brand', 'Bea Brand')).url)
    await concept(page, 'Delta').waitFor()
    await page.waitForTimeout(300)
    const zoom = () => page.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.viewport.zoom)
    const editor = page.locator('cg-label-editor textarea')
    const keyboard = { width: 390, height: 844 - 336 }

    // Editing the top concept: the keyboard opens, the view stays exactly where it was.
    await concept(page, 'Alpha').dblclick()
    await editor.waitFor()
    // The editor opens with the label selected: typed at its end, the edit adds to it.
    await page.keyboard.press('End')
    await page.keyboard.type(' one')
    const before = { zoom: await zoom(), box: (await editor.boundingBox())! }
    await page.setViewportSize(keyboard)
    await page.waitForTimeout(400)
    expect(await zoom()).toBe(before.zoom)
    const during = (await editor.boundingBox())!
    expect([during.x, during.y]).toEqual([before.box.x, before.box.y])
    await page.screenshot({ path: '/tmp/i20-keyboard-open-390.png' })
    // The keyboard closes again: still no jump, and the edit goes on where it was.
    await page.setViewportSize(PHONE.viewport!)
    await page.waitForTimeout(400)
    expect(await zoom()).toBe(before.zoom)
    expect([(await editor.boundingBox())!.x, (await editor.boundingBox())!.y]).toEqual([before.box.x, before.box.y])
    await page.keyboard.press('Enter')
    await concept(page, 'Alpha one').waitFor()

    // Editing a concept the keyboard would hide: brought just into sight, at the same zoom.
    await concept(page, 'Delta').dblclick()
    await editor.waitFor()
    await page.setViewportSize(keyboard)
    await page.waitForTimeout(400)
    expect(await zoom()).toBe(before.zoom)
    const map = (await page.locator('cg-canvas').boundingBox())!
    const edited = (await editor.boundingBox())!
    expect(edited.y).toBeGreaterThanOrEqual(map.y)
    expect(edited.y + edited.height).toBeLessThanOrEqual(map.y + map.height)
    await page.keyboard.press('End')
    await page.keyboard.type(' two')
    await page.keyboard.press('Enter')
    await concept(page, 'Delta two').waitFor()
    await page.screenshot({ path: '/tmp/i20-keyboard-reveal-390.png' })
  })

  it('gives a facilitator on a 390 × 844 phone two rows of footer, not three: the session, the lock and More on the bar, the live view and the vote under More', async () => {
    // Before: Start session, End session, Lock board / Live view, Dot vote, More / Export took three rows.
    const id = await importCxl(h, readFileSync(REAL))
    const ctx = await h.newContext(PHONE)
    const page = await openBoard(ctx, (await h.server.invite(id, 'facilitator', 'Fran Facilitator')).url)
    await concept(page, 'alfa').waitFor()
    const bar = page.locator('cg-facilitator-bar')
    await bar.getByRole('button', { name: 'Start session' }).waitFor()
    const footerRows = () => page.evaluate(() => {
      const root = document.querySelector('cg-board')!.shadowRoot!
      const buttons = [...root.querySelectorAll('footer button, cg-export-menu'), ...root.querySelector('cg-facilitator-bar')!.shadowRoot!.querySelectorAll('button, summary')]
      const shown = buttons.filter((b) => b.checkVisibility({ visibilityProperty: true })).map((b) => b.getBoundingClientRect())
      return new Set(shown.map((b) => Math.round((b.top + b.height / 2) / 8))).size
    })
    await expect.poll(footerRows).toBeLessThanOrEqual(2)
    for (const name of ['End session', 'Live view', 'Dot vote']) expect(await bar.getByRole('button', { name, exact: true }).count(), name).toBe(0)
    await page.screenshot({ path: `${RESULTS_DIR}/phone-facilitator-footer.png` })

    // Under More, they work as on a desktop.
    const more = bar.locator('summary')
    await more.tap()
    await page.screenshot({ path: `${RESULTS_DIR}/phone-facilitator-more.png` })
    await bar.getByRole('button', { name: 'Live view', exact: true }).tap()
    await page.locator('cg-live-panel h2', { hasText: 'Live view' }).waitFor()
    // A running session's end is on the bar, in two rows still.
    await bar.getByRole('button', { name: 'Start session' }).tap()
    await bar.getByRole('button', { name: 'End session', exact: true }).waitFor()
    expect(await bar.getByRole('button', { name: 'Start session' }).count()).toBe(0)
    await expect.poll(footerRows).toBeLessThanOrEqual(2)
    // An open vote's close is on the bar too, said shorter, as is the lock: still two rows, locked or not.
    await more.tap()
    await bar.getByRole('button', { name: 'Dot vote', exact: true }).tap()
    await bar.getByRole('button', { name: 'Close vote', exact: true }).waitFor()
    await expect.poll(footerRows).toBeLessThanOrEqual(2)
    await page.screenshot({ path: `${RESULTS_DIR}/phone-facilitator-running.png` })
    await bar.getByRole('button', { name: 'Lock', exact: true }).tap()
    await bar.getByRole('button', { name: 'Unlock', exact: true }).waitFor()
    await expect.poll(footerRows).toBeLessThanOrEqual(2)
    // The live view left open follows the session started under it.
    await expect.poll(() => page.locator('cg-live-panel .scope').textContent(), { timeout: 5_000 }).toContain('The running session, since')
    await page.screenshot({ path: `${RESULTS_DIR}/phone-facilitator-locked-vote.png` })
  })

  it('tells a phone how to add a concept by touch on an empty map, and a desktop by mouse and key', async () => {
    const { id } = await h.server.createBoard()
    for (const [options, words] of [[PHONE, 'Double-tap anywhere, or tap + in the toolbar'], [{ viewport: { width: 1280, height: 800 } }, 'Double-click anywhere, or press N']] as const) {
      const ctx = await h.newContext(options)
      const page = await openBoard(ctx, (await h.server.invite(id, 'customer', 'Carla Customer')).url)
      await expect.poll(() => page.locator('cg-canvas .hint').textContent().then((t) => t?.replace(/\s+/g, ' ')), { timeout: 10_000 }).toContain(words)
    }
  })

  // From 380 to 600 px (a narrow desktop window, a tablet upright) the side panels kept their 340 and
  // 380 px and left a sliver of map beside them, the overview and the colour panel half under the panel
  // (and over the live view, whose z-index lost to its desktop rule). They take the map, as on a phone.
  for (const [size, options] of [['390 × 844 touch', PHONE], ['480 × 800', { viewport: { width: 480, height: 800 } }], ['600 × 800', { viewport: { width: 600, height: 800 } }]] as const) {
    it(`gives an open side panel the whole map at ${size}, over the colour panel and the overview`, async () => {
      const id = await importCxl(h, largeSecurityCmap().xml)
      const page = await openBoard(await h.newContext(options), (await h.server.invite(id, 'facilitator', 'Fran Facilitator')).url)
      const press = (l: Locator) => (options === PHONE ? l.tap() : l.click())
      await press(page.getByRole('button', { name: 'More tools' }))
      await press(page.getByRole('menuitemcheckbox', { name: 'Overview of the map' }))
      await press(concept(page, 'Cryptography'))
      const overlays = { 'the colour panel': page.locator('cg-style-panel'), 'the overview': page.locator('cg-minimap canvas') }
      for (const o of Object.values(overlays)) await o.waitFor()
      const bar = page.locator('cg-facilitator-bar')
      const panels = {
        'cg-stream-panel': () => press(page.getByRole('button', { name: /^Customer voice/ })),
        'cg-live-panel': async () => {
          await press(bar.locator('summary'))
          await press(bar.getByRole('button', { name: 'Live view', exact: true }))
        }
      }
      for (const [panel, open] of Object.entries(panels)) {
        await open()
        await page.locator(panel).waitFor()
        const [box, map] = [(await page.locator(panel).boundingBox())!, (await page.locator('cg-canvas').boundingBox())!]
        expect([box.x, box.width].map(Math.round), `${panel} across the map`).toEqual([map.x, map.width].map(Math.round))
        for (const [name, o] of Object.entries(overlays)) {
          const b = (await o.boundingBox())!
          expect(await reaches(page, [panel], { x: b.x + b.width / 2, y: b.y + b.height / 2 }), `${panel} over ${name}`).toBe(true)
        }
        await page.screenshot({ path: `${RESULTS_DIR}/narrow-${panel}-${options.viewport!.width}.png` })
      }
    })
  }
})

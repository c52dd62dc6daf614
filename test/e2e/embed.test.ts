import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESULTS_DIR } from '../support/browser'
import { unreachable } from '../support/reach'
import { REAL_CXL } from '../support/shared-fixtures'
import { addConceptAt, conceptLabels, openBoard, useHarness, statusText, importCxl } from './harness'

// A partner's page, served by a second local server on another port (so another origin), embeds a
// live board: with the script and <cg-board>, or with an iframe of /embed/:id. Edits there converge
// with a participant on our own board page. A page on an origin that is not on the board's
// allow-list gets nothing.

const h = useHarness()
const partnerPages = new Map<string, string>()
let partner: Server
let partnerOrigin: string
let strangerOrigin: string

beforeAll(async () => {
  partner = createServer((req, res) => {
    const page = partnerPages.get((req.url ?? '').split('?')[0]!)
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
    res.end(page ?? 'not found')
  })
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve))
  const port = (partner.address() as AddressInfo).port
  partnerOrigin = `http://127.0.0.1:${port}`
  // The same partner server, reached by another name: another origin, never on any allow-list.
  strangerOrigin = `http://localhost:${port}`
})

afterAll(async () => {
  await new Promise((resolve) => partner?.close(resolve))
})

async function board(allowedOrigins: string[]) {
  const { id } = await h.server.createBoard('Partner workshop', 'What would make you recommend us?')
  const res = await h.server.api(`/api/boards/${id}`, { method: 'PATCH', body: JSON.stringify({ allowedOrigins }) })
  expect(res.status).toBe(200)
  return id
}

async function groupLink(id: string, role: 'customer' | 'brand' | 'viewer') {
  const res = await h.server.api(`/api/boards/${id}/invites`, { method: 'POST', body: JSON.stringify({ role, group: true, label: 'Embed' }) })
  return ((await res.json()) as { token: string }).token
}

function scriptPage(path: string, id: string, token: string): string {
  partnerPages.set(
    path,
    `<!doctype html><html><head><meta charset="utf-8"><title>Partner</title></head><body style="margin:0">
      <h1 style="font:16px sans-serif;margin:8px">Partner site</h1>
      <script type="module" src="${h.server.url}/embed.js"></script>
      <cg-board board-id="${id}" token="${token}" server="${h.server.url}" style="display:block;height:640px"></cg-board>
    </body></html>`
  )
  return path
}

function framePage(path: string, id: string, token: string): string {
  partnerPages.set(
    path,
    `<!doctype html><html><head><meta charset="utf-8"><title>Partner</title></head><body style="margin:0">
      <h1 style="font:16px sans-serif;margin:8px">Partner site</h1>
      <iframe src="${h.server.url}/embed/${id}?token=${encodeURIComponent(token)}" width="1060" height="640" style="border:0" title="Board"></iframe>
    </body></html>`
  )
  return path
}

async function open(origin: string, path: string): Promise<Page> {
  const page = await (await h.newContext()).newPage()
  await page.goto(`${origin}${path}`)
  return page
}

const live = (target: Page | Frame) =>
  expect.poll(() => target.locator('cg-status .text').innerText({ timeout: 1000 }).catch(() => ''), { timeout: 8000 }).toMatch(/All changes saved|Connected/)

describe('embedding a board in a partner site', () => {
  it('embeds with the script and <cg-board>, edits, and converges with our own board page', async () => {
    const id = await board([partnerOrigin])
    const own = await openBoard(await h.newContext(), (await h.server.invite(id, 'brand', 'Bea on our page')).url)
    const embedded = await open(partnerOrigin, scriptPage('/script.html', id, (await h.server.invite(id, 'customer', 'Cara on the partner site')).token))
    await live(embedded)

    await addConceptAt(embedded, 300, 320, 'Fair prices')
    await expect.poll(() => conceptLabels(own)).toEqual(['Fair prices'])
    await addConceptAt(own, 700, 320, 'Friendly staff')
    await expect.poll(() => conceptLabels(embedded)).toEqual(['Fair prices', 'Friendly staff'])
    await expect.poll(() => own.locator('cg-presence li').allInnerTexts()).toContainEqual(expect.stringContaining('Cara on the partner site'))
  })

  it('embeds view-only with a viewer token: live, and changing nothing', async () => {
    const id = await board([partnerOrigin])
    const own = await openBoard(await h.newContext(), (await h.server.invite(id, 'brand', 'Bea')).url)
    const viewer = await open(partnerOrigin, scriptPage('/view.html', id, (await h.server.invite(id, 'viewer', 'Embedded view')).token))
    await live(viewer)
    expect(await viewer.getByText('You are viewing this board').count()).toBe(1)
    expect(await viewer.getByRole('button', { name: 'Add concept' }).count()).toBe(0)
    await addConceptAt(own, 500, 300, 'Seen from outside')
    await expect.poll(() => conceptLabels(viewer)).toEqual(['Seen from outside'])
  })

  it('embeds with an iframe of a group link: the visitor gives a name, joins, edits, converges', async () => {
    const id = await board([partnerOrigin])
    const own = await openBoard(await h.newContext(), (await h.server.invite(id, 'brand', 'Bea')).url)
    const page = await open(partnerOrigin, framePage('/frame.html', id, await groupLink(id, 'customer')))
    const frame = page.frameLocator('iframe')
    await frame.getByLabel('Your name').fill('Iris in the iframe')
    await frame.getByRole('button', { name: 'Join the board' }).click()
    const inner = page.frames().find((f) => f.url().includes('/embed/'))!
    await live(inner)
    // Inside the frame: double-click its map, type the label in its editor.
    const box = (await page.locator('iframe').boundingBox())!
    await page.mouse.dblclick(box.x + 300, box.y + 300)
    await inner.locator('cg-label-editor textarea').waitFor({ timeout: 5000 })
    await page.keyboard.type('Quick answers')
    await page.keyboard.press('Enter')
    await expect.poll(() => conceptLabels(own)).toEqual(['Quick answers'])
    await expect.poll(() => own.locator('cg-presence li').allInnerTexts()).toContainEqual(expect.stringContaining('Iris in the iframe'))
    await addConceptAt(own, 700, 420, 'Clear invoices')
    await expect.poll(async () => (await inner.locator('cg-concept .label').allTextContents()).sort()).toEqual(['Clear invoices', 'Quick answers'])
    const people = (await (await h.server.api(`/api/boards/${id}/participants`)).json()) as { participants: { name: string }[] }
    expect(people.participants.map((p) => p.name)).toContain('Iris in the iframe')
  })

  it('lets a script embed with a group link ask the name first and join, never trying the link on the socket', async () => {
    const id = await board([partnerOrigin])
    const own = await openBoard(await h.newContext(), (await h.server.invite(id, 'brand', 'Bea')).url)
    const group = await groupLink(id, 'customer')
    const page = await (await h.newContext()).newPage()
    const sockets: string[] = []
    page.on('websocket', (ws) => sockets.push(ws.url()))
    const alerts: string[] = []
    await page.exposeFunction('noteAlert', (text: string) => alerts.push(text))
    // Every alert the board ever shows, however briefly.
    await page.addInitScript(() => {
      new MutationObserver(() => {
        const board = document.querySelector('cg-board')?.shadowRoot
        for (const el of board?.querySelectorAll('[role="alert"]') ?? []) (window as unknown as { noteAlert(t: string): void }).noteAlert(el.textContent ?? '')
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
    })
    await page.goto(`${partnerOrigin}${scriptPage('/group-script.html', id, group)}`)
    await page.getByRole('dialog', { name: 'Join the board' }).waitFor()
    await page.waitForTimeout(500)
    expect(sockets).toEqual([])
    await page.getByLabel('Your name').fill('Sam via script')
    await page.getByRole('button', { name: 'Join' }).click()
    await live(page)
    await addConceptAt(page, 400, 320, 'Through the script')
    await expect.poll(() => conceptLabels(own)).toEqual(['Through the script'])
    await expect.poll(() => own.locator('cg-presence li').allInnerTexts()).toContainEqual(expect.stringContaining('Sam via script'))
    // The socket only ever carried Sam's own token, and nothing said the link was not valid.
    expect(sockets.length).toBeGreaterThan(0)
    expect(sockets.some((url) => url.includes(encodeURIComponent(group)))).toBe(false)
    expect(alerts.filter((t) => /not valid/.test(t))).toEqual([])
  })

  it('holds the phone rules in a 600 px embed, as an iframe and as <cg-board>: the toolbar fits, presence is one row, the map opens readable', async () => {
    const id = await importCxl(h, readFileSync(REAL_CXL))
    await h.server.api(`/api/boards/${id}`, { method: 'PATCH', body: JSON.stringify({ allowedOrigins: [partnerOrigin] }) })
    await openBoard(await h.newContext(), (await h.server.invite(id, 'brand', 'Bea Brand')).url)
    const token = async (name: string) => (await h.server.invite(id, 'customer', name)).token
    partnerPages.set('/narrow-frame.html', `<!doctype html><html><head><meta charset="utf-8"><title>Partner</title></head><body style="margin:0">
      <iframe src="${h.server.url}/embed/${id}?token=${encodeURIComponent(await token('Fran in a frame'))}" width="600" height="520" style="border:0" title="Board"></iframe></body></html>`)
    partnerPages.set('/narrow-script.html', `<!doctype html><html><head><meta charset="utf-8"><title>Partner</title></head><body style="margin:0">
      <script type="module" src="${h.server.url}/embed.js"></script>
      <div style="width:600px"><cg-board board-id="${id}" token="${await token('Sam by script')}" server="${h.server.url}" style="display:block;height:520px"></cg-board></div></body></html>`)

    for (const kind of ['frame', 'script'] as const) {
      const page = await open(partnerOrigin, `/narrow-${kind}.html`)
      const target = kind === 'frame' ? page.frameLocator('iframe') : page
      const inFrame = kind === 'frame' ? page.frames().find((f) => f !== page.mainFrame())! : page
      await live(inFrame)
      // Page coordinates of everything, the frame's included: the embed is x 0..600.
      const toolbar = (await target.locator('cg-toolbar').boundingBox())!
      expect(toolbar.x, kind).toBeGreaterThanOrEqual(0)
      expect(toolbar.x + toolbar.width, kind).toBeLessThanOrEqual(600)
      const presence = (await target.locator('cg-presence').boundingBox())!
      expect(presence.height, kind).toBeLessThanOrEqual(48)
      expect(presence.x + presence.width, kind).toBeLessThanOrEqual(600)
      await target.getByRole('button', { name: 'Show the 2 people on this board' }).click()
      await target.getByRole('button', { name: 'Follow Bea Brand’s view' }).waitFor()
      const zoom = await inFrame.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.viewport.zoom)
      expect(zoom, kind).toBeGreaterThanOrEqual(0.5)
      // 600 px is a small frame whether the page or the board is that wide: the view tools go into
      // the More menu, which opens inside the embed.
      await target.getByRole('button', { name: 'More tools' }).click()
      const menu = (await target.getByRole('menu', { name: 'More tools' }).boundingBox())!
      expect(menu.x, kind).toBeGreaterThanOrEqual(0)
      expect(menu.x + menu.width, kind).toBeLessThanOrEqual(600)
      expect(menu.y, kind).toBeGreaterThanOrEqual(0)
      await page.screenshot({ path: `${RESULTS_DIR}/embed-600-${kind}.png` })
      await target.getByRole('menuitem', { name: 'Zoom in' }).click()
      await expect.poll(() => target.getByRole('menu', { name: 'More tools' }).count()).toBe(0)
      await page.context().close()
    }
  })

  it('keeps every toolbar control in sight and clickable with the customer voice open, in small script embeds', async () => {
    const id = await board([partnerOrigin])
    const csv = 'text,author\nThe queue was long,Ana\nStaff were kind,Jo\n'
    expect((await h.server.api(`/api/boards/${id}/stream?format=csv`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } })).status).toBe(201)
    const token = (await h.server.invite(id, 'brand', 'Bea on the partner site')).token
    // The board fills the window, so a resize makes it another embed size.
    partnerPages.set('/toolbar.html', `<!doctype html><html><head><meta charset="utf-8"><title>Partner</title></head><body style="margin:0">
      <script type="module" src="${h.server.url}/embed.js"></script>
      <cg-board board-id="${id}" token="${token}" server="${h.server.url}" style="display:block;height:100vh"></cg-board></body></html>`)
    const page = await open(partnerOrigin, '/toolbar.html')
    await live(page)
    // At 1100 px the panel opens by itself once the items are in; else it is opened.
    const toggle = page.getByRole('button', { name: 'Customer voice (2)' })
    await toggle.waitFor()
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click()
    await page.locator('cg-stream-panel').waitFor()
    for (const [width, height] of [[900, 520], [700, 520], [640, 480], [1280, 800]] as const) {
      await page.setViewportSize({ width, height })
      // Each shown control, hit at its centre: what a click there reaches (through the shadow roots) is it.
      await expect.poll(() => unreachable(page, ['cg-toolbar']), { timeout: 3000, message: `${width} × ${height}` }).toEqual([])
      expect(await page.locator('cg-toolbar button:visible').count(), `${width} × ${height}`).toBeGreaterThanOrEqual(6)
      await page.screenshot({ path: `${RESULTS_DIR}/embed-toolbar-stream-${width}x${height}.png` })
    }
    // And a click does reach them: More tools opens its menu beside the panel.
    await page.setViewportSize({ width: 900, height: 520 })
    await page.locator('cg-toolbar').getByRole('button', { name: 'More tools' }).click({ timeout: 3000 })
    await page.getByRole('menu', { name: 'More tools' }).waitFor({ timeout: 3000 })
  })

  it('shows the people whole in an iframe 800 px wide and narrower, tall or short', async () => {
    const id = await board([partnerOrigin])
    await openBoard(await h.newContext(), (await h.server.invite(id, 'brand', 'Bea Brand')).url)
    await openBoard(await h.newContext(), (await h.server.invite(id, 'brand', 'Bo Brandwell')).url)
    const page = await open(partnerOrigin, framePage('/people.html', id, (await h.server.invite(id, 'customer', 'Iris in the iframe')).token))
    const inner = () => page.frames().find((f) => f !== page.mainFrame())!
    await live(inner())
    // The chips (or the avatar stack), their Follow buttons and the status: inside the frame, none on another.
    const header = () => inner().evaluate(() => {
      const root = document.querySelector('cg-board')!.shadowRoot!
      const people = root.querySelector('cg-presence')!.shadowRoot!
      const parts = [...people.querySelectorAll('li, .follow, .stack'), root.querySelector('cg-status')!, root.querySelector('.stream-toggle')]
      const boxes = parts.filter((el) => el?.checkVisibility()).map((el) => ({ el: el!, r: el!.getBoundingClientRect() }))
      const bad = boxes.filter(({ r }) => r.left < 0 || r.right > innerWidth + 0.5).map(({ el }) => `${el.textContent?.trim()} past the edge`)
      const tops = boxes.filter(({ el }) => el.matches('li, .stack') || el.tagName !== 'BUTTON')
      for (const a of tops) {
        for (const b of tops) {
          const overlap = a !== b && !a.el.contains(b.el) && !b.el.contains(a.el) && a.r.left < b.r.right - 1 && b.r.left < a.r.right - 1 && a.r.top < b.r.bottom - 1 && b.r.top < a.r.bottom - 1
          if (overlap) bad.push(`${a.el.textContent?.trim()} on ${b.el.textContent?.trim()}`)
        }
      }
      // A name is cut (ellipsis) only where its row has no room for it.
      const cut = [...people.querySelectorAll<HTMLElement>('.name')].filter((n) => n.checkVisibility() && n.scrollWidth > n.clientWidth + 1)
      return { bad, cut: cut.map((n) => n.textContent), people: people.querySelectorAll('li, .stack').length }
    })
    for (const [width, height] of [[800, 640], [800, 450], [640, 400], [600, 450], [480, 400], [360, 400]] as const) {
      await page.locator('iframe').evaluate((f: HTMLIFrameElement, [w, hh]) => { f.width = String(w); f.height = String(hh) }, [width, height])
      await expect.poll(async () => (await header()).bad, { timeout: 3000, message: `${width} × ${height}` }).toEqual([])
      expect((await header()).people, `${width} × ${height}`).toBeGreaterThan(0)
      if (width === 800 && height === 640) expect((await header()).cut).toEqual([])
      await page.screenshot({ path: `${RESULTS_DIR}/embed-frame-people-${width}x${height}.png` })
    }
  })

  it('tells a page on an unlisted origin that the board is not shown there, and gives it nothing of the board', async () => {
    const id = await board([partnerOrigin])
    const token = (await h.server.invite(id, 'customer', 'Nobody')).token
    const notShown = /This board can’t be shown on this site/

    // The script loads (public code), and the board says why it shows nothing; no socket is opened.
    const scripted = await (await h.newContext()).newPage()
    const sockets: string[] = []
    scripted.on('websocket', (ws) => sockets.push(ws.url()))
    await scripted.goto(`${strangerOrigin}${scriptPage('/stranger-script.html', id, token)}`)
    await expect.poll(() => scripted.locator('cg-board').getByRole('alert').innerText().catch(() => ''), { timeout: 5000 }).toMatch(notShown)
    expect(await scripted.locator('cg-board').getByRole('alert').innerText()).toContain(strangerOrigin)
    expect(await scripted.locator('cg-canvas').count()).toBe(0)
    expect(sockets).toEqual([])
    // Its API stays closed to that page.
    const api = await scripted.evaluate(async ([url, board, t]) => {
      try {
        return (await fetch(`${url}/api/boards/${board}`, { headers: { authorization: `Bearer ${t}` } })).status
      } catch {
        return 'blocked'
      }
    }, [h.server.url, id, token] as const)
    expect(api).toBe('blocked')

    // The frame shows a message, not the browser's error page, and nothing of the board.
    const framed = await open(strangerOrigin, framePage('/stranger-frame.html', id, token))
    const inner = () => framed.frames().find((f) => f !== framed.mainFrame())
    await expect.poll(() => inner()?.locator('h1').innerText().catch(() => '') ?? '', { timeout: 5000 }).toMatch(notShown)
    expect(inner()!.url()).not.toMatch(/^chrome-error:/)
    expect(await inner()!.locator('body').innerText()).toContain(strangerOrigin)
    expect(await inner()!.locator('cg-board, cg-join, script').count()).toBe(0)
    // The same frame on an allowed origin does show the board (so the refusal above is the allow-list's).
    const allowedFrame = await open(partnerOrigin, framePage('/allowed-frame.html', id, token))
    await live(allowedFrame.frames().find((f) => f !== allowedFrame.mainFrame())!)

    // A page whose origin another board allows gets the script, but this board's socket refuses it (4403).
    const other = await board([strangerOrigin])
    expect(other).not.toBe(id)
    const refused = await open(strangerOrigin, scriptPage('/stranger-socket.html', id, token))
    await expect
      .poll(() => refused.locator('cg-board').getByRole('alert').innerText().catch(() => ''), { timeout: 5000 })
      .toMatch(notShown)
    expect(await statusText(refused)).not.toMatch(/Connected|saved/)
  })
})

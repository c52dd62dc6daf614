import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addConceptAt, conceptLabels, openBoard, screenshotsOnFailure, startHarness, statusText, type Harness } from './harness'

// A partner's page, served by a second local server on another port (so another origin), embeds a
// live board: with the script and <cg-board>, or with an iframe of /embed/:id. Edits there converge
// with a participant on our own board page. A page on an origin that is not on the board's
// allow-list gets nothing.

let h: Harness
const partnerPages = new Map<string, string>()
let partner: Server
let partnerOrigin: string
let strangerOrigin: string

beforeAll(async () => {
  h = await startHarness()
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
  await h?.close()
})

screenshotsOnFailure(() => h)

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

  it('lets a script embed with a group link join through the board’s name dialog', async () => {
    const id = await board([partnerOrigin])
    const own = await openBoard(await h.newContext(), (await h.server.invite(id, 'brand', 'Bea')).url)
    const page = await open(partnerOrigin, scriptPage('/group-script.html', id, await groupLink(id, 'customer')))
    await page.getByRole('dialog', { name: 'Join the board' }).waitFor()
    await page.getByLabel('Your name').fill('Sam via script')
    await page.getByRole('button', { name: 'Join' }).click()
    await live(page)
    await addConceptAt(page, 400, 320, 'Through the script')
    await expect.poll(() => conceptLabels(own)).toEqual(['Through the script'])
    await expect.poll(() => own.locator('cg-presence li').allInnerTexts()).toContainEqual(expect.stringContaining('Sam via script'))
  })

  it('gives an unlisted origin nothing: no script, no frame, no socket', async () => {
    const id = await board([partnerOrigin])
    const token = (await h.server.invite(id, 'customer', 'Nobody')).token

    // The script is refused (403, no CORS), so <cg-board> never becomes a board.
    const scriptCtx = await h.newContext()
    const scripted = await scriptCtx.newPage()
    const scriptFailed = scripted.waitForEvent('requestfailed', { predicate: (r) => r.url().endsWith('/embed.js'), timeout: 5000 })
    await scripted.goto(`${strangerOrigin}${scriptPage('/stranger-script.html', id, token)}`)
    await scriptFailed
    await scripted.waitForTimeout(300)
    expect(await scripted.evaluate(() => customElements.get('cg-board') === undefined)).toBe(true)

    // The frame is refused by frame-ancestors: the browser shows its error page, nothing of the board.
    const framed = await open(strangerOrigin, framePage('/stranger-frame.html', id, token))
    await expect.poll(() => framed.frames().find((f) => f !== framed.mainFrame())?.url() ?? '').toMatch(/^chrome-error:/)
    const inner = framed.frames().find((f) => f !== framed.mainFrame())!
    expect(await inner.locator('cg-board, cg-join').count()).toBe(0)
    // The same frame on an allowed origin does show the board (so the refusal above is the allow-list's).
    const allowedFrame = await open(partnerOrigin, framePage('/allowed-frame.html', id, token))
    await live(allowedFrame.frames().find((f) => f !== allowedFrame.mainFrame())!)

    // A page whose origin another board allows gets the script, but this board's socket refuses it (4403).
    const other = await board([strangerOrigin])
    expect(other).not.toBe(id)
    const refused = await open(strangerOrigin, scriptPage('/stranger-socket.html', id, token))
    await expect
      .poll(() => refused.locator('cg-board').getByRole('alert').innerText().catch(() => ''), { timeout: 5000 })
      .toMatch(/do not have access|archived/)
    expect(await statusText(refused)).not.toMatch(/Connected|saved/)
  })
})

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { RESULTS_DIR } from '../support/browser'
import { REAL_CXL } from '../support/shared-fixtures'
import { addConceptAt, conceptLabels, everyViolation, openBoard, useHarness, seriousViolations, waitLive } from './harness'

// The facilitator console, as a facilitator uses it: sign in, create a board, invite people one by
// one and with a group link, see who is online, revoke someone who is on the board right now.

const h = useHarness()

const HOSTILE = '<img src=x onerror="window.__pwned=1">'

/** Fails the test if any page ever runs script from a name or label. */
async function watchForInjection(page: Page): Promise<void> {
  page.on('dialog', (d) => {
    throw new Error(`a dialog opened: ${d.message()}`)
  })
}

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0)

async function openConsole(): Promise<Page> {
  const ctx = await h.newContext()
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.server.url })
  const page = await ctx.newPage()
  await watchForInjection(page)
  await page.goto(`${h.server.url}/#token=${encodeURIComponent(h.server.adminToken)}`)
  await page.getByRole('heading', { name: 'Boards' }).waitFor()
  return page
}

describe('facilitator console', () => {
  it('creates a board, invites people, lets a group link’s visitor join with a name, and revokes them live', async () => {
    const console_ = await openConsole()
    // The admin token left the address bar at once.
    expect(console_.url()).not.toContain(h.server.adminToken)

    // Create.
    await console_.getByLabel('Title').fill(`Trust ${HOSTILE}`)
    await console_.getByLabel('Focus question', { exact: true }).fill('What makes a delivery promise believable?')
    await console_.getByRole('button', { name: 'Create board' }).click()
    await console_.getByRole('heading', { name: `Trust ${HOSTILE}` }).waitFor()
    const boardId = decodeURIComponent(/board=([^&]+)/.exec(console_.url())![1]!)

    // A personal invite, copied with the copy button.
    await console_.getByLabel('Role').selectOption('brand')
    await console_.getByLabel('Name (optional)').fill('Bea')
    await console_.getByRole('button', { name: 'Create invite link' }).click()
    await console_.locator('#issued-link').waitFor()
    const personalLink = await console_.locator('#issued-link').inputValue()
    expect(personalLink).toMatch(new RegExp(`/b/${boardId}\\?token=`))
    await console_.getByRole('button', { name: 'Copy link' }).first().click()
    await expect.poll(() => console_.evaluate(() => navigator.clipboard.readText())).toBe(personalLink)

    // A group link, with its QR code.
    await console_.getByLabel(/A group/).check()
    await console_.getByLabel('Role').selectOption('customer')
    await console_.getByLabel('Group label').fill(`Customers of ${HOSTILE}`)
    await console_.getByRole('button', { name: 'Create group link' }).click()
    // (The personal link stays on show until the group link replaces it.)
    // Its short link: /j/CODE, which opens the group link's join page.
    await expect.poll(() => console_.locator('#issued-link').inputValue()).toMatch(/\/j\/[2-9A-HJ-NP-Z]{8}$/)
    const groupLink = await console_.locator('#issued-link').inputValue()
    expect(await console_.locator('cg-invite-panel .error').count()).toBe(0)
    expect(await console_.locator('.issued cg-qr svg path').getAttribute('d')).toMatch(/^M\d/)
    await console_.getByRole('row', { name: /Group link/ }).getByRole('button', { name: 'QR' }).click()
    await console_.getByRole('dialog').getByRole('img', { name: 'QR code of the group link' }).waitFor()
    await console_.getByRole('dialog').getByRole('button', { name: 'Close' }).click()

    // Bea comes in through her personal link.
    const bea = await openBoard(await h.newContext(), personalLink)

    // Someone in the room opens the group link, types a name, and lands on the board as themselves.
    const guestCtx = await h.newContext()
    const guest = await guestCtx.newPage()
    await watchForInjection(guest)
    await guest.goto(groupLink)
    await guest.getByRole('heading', { name: 'What makes a delivery promise believable?' }).waitFor()
    expect(await guest.getByText(`Customers of ${HOSTILE}`).count()).toBe(1)
    expect(guest.url()).not.toContain('token=')
    await guest.getByLabel('Your name').fill(`Gina ${HOSTILE}`)
    await guest.getByRole('button', { name: 'Join the board' }).click()
    await guest.waitForURL(new RegExp(`/b/${boardId}`))
    await waitLive(guest)
    // The name came with the token: the board does not ask again.
    expect(await guest.getByRole('dialog', { name: 'Join the board' }).isVisible()).toBe(false)
    // The same device opening the link again goes straight to the board as the same person.
    const again = await guestCtx.newPage()
    await again.goto(groupLink)
    await again.waitForURL(new RegExp(`/b/${boardId}`))
    await waitLive(again)
    expect(await again.getByRole('dialog', { name: 'Join the board' }).isVisible()).toBe(false)
    await again.close()
    await addConceptAt(guest, 500, 300, 'On time')
    await expect.poll(() => conceptLabels(bea)).toEqual(['On time'])

    // The console sees both online, names as typed.
    const people = console_.getByRole('region', { name: /People/ })
    await expect.poll(() => people.getByRole('list', { name: 'Online now' }).innerText(), { timeout: 5000 }).toContain(`Gina ${HOSTILE}`)
    expect(await people.getByRole('list', { name: 'Online now' }).innerText()).toContain('Bea')
    await expect.poll(() => console_.getByRole('row', { name: /Group link/ }).innerText(), { timeout: 7000 }).toMatch(/1 joined/)

    // Revoke Gina while she is on the board: her page is shut out within a second; Bea stays.
    await people.getByRole('button', { name: `Revoke Gina ${HOSTILE}` }).click()
    const started = Date.now()
    await people.getByRole('button', { name: 'Confirm revoke' }).click()
    await expect
      .poll(() => guest.getByRole('alert').innerText().catch(() => ''), { timeout: 1500 })
      .toMatch(/not valid|revoked/)
    expect(Date.now() - started).toBeLessThan(1500)
    await expect.poll(() => people.getByRole('row', { name: /Gina/ }).innerText()).toMatch(/revoked/)
    await addConceptAt(bea, 300, 300, 'Still here')
    expect(await conceptLabels(bea)).toEqual(['On time', 'Still here'])

    // The console with everything on it has no accessibility faults (one main landmark, not two),
    // and the join page no serious ones.
    expect(await everyViolation(console_)).toEqual([])
    const joinPage = await (await h.newContext()).newPage()
    await joinPage.goto(groupLink)
    await joinPage.getByLabel('Your name').waitFor()
    expect(await seriousViolations(joinPage)).toEqual([])

    // Nothing anyone typed ever ran as markup.
    for (const page of [console_, guest, bea]) expect(await pwned(page)).toBe(0)
    expect(await console_.locator('img[src="x"]').count()).toBe(0)
  })

  it('locks and archives live from the console', async () => {
    const console_ = await openConsole()
    await console_.getByLabel('Title').fill('Lock and archive')
    await console_.getByRole('button', { name: 'Create board' }).click()
    await console_.getByRole('heading', { name: 'Lock and archive' }).waitFor()
    await console_.getByLabel('Role').selectOption('customer')
    await console_.getByLabel('Name (optional)').fill('Cleo')
    await console_.getByRole('button', { name: 'Create invite link' }).click()
    const link = await console_.locator('#issued-link').inputValue()
    const customer = await openBoard(await h.newContext(), link)

    // The admin opens the board as a facilitator, in a new tab.
    const [tab] = await Promise.all([console_.context().waitForEvent('page'), console_.getByRole('button', { name: /Open board/ }).click()])
    await tab.waitForURL(/\/b\//)
    await waitLive(tab)
    expect(await tab.locator('cg-presence li').allInnerTexts()).toContainEqual(expect.stringContaining('Admin (you)'))

    // What the facilitator does on the board shows in the console without a reload (it said "No
    // session running" and "Open" before, so the same session could be started twice), and at once:
    // the board's tab tells the console (its own reread every 5 s would pass all three waits in a
    // row about one time in thirty).
    const sessionState = () => console_.getByRole('status', { name: 'Session state' }).innerText()
    expect(await sessionState()).toMatch(/No session running/)
    const onBoard = (name: string) => tab.locator('cg-facilitator-bar').getByRole('button', { name, exact: true })
    await onBoard('Start session').click()
    await expect.poll(sessionState, { timeout: 1500 }).toMatch(/Running/)
    await onBoard('Lock board').click()
    await console_.getByRole('button', { name: 'Unlock board' }).waitFor({ timeout: 1500 })
    await console_.screenshot({ path: `${RESULTS_DIR}/console-locked-from-board-1280.png` })
    await onBoard('Unlock board').click()
    await console_.getByRole('button', { name: 'Lock board (read-only)' }).waitFor({ timeout: 1500 })

    await console_.getByRole('button', { name: 'Lock board (read-only)' }).click()
    await console_.getByRole('button', { name: 'Unlock board' }).waitFor()
    // The customer's page says so at once, and offers no way to edit.
    await expect.poll(() => customer.locator('cg-board-notices p').allInnerTexts().then((t) => t.join(' ')), { timeout: 1000 }).toMatch(/locked the board/)
    await customer.mouse.dblclick(400, 300)
    expect(await customer.locator('cg-label-editor').count()).toBe(0)

    await console_.getByRole('button', { name: 'Archive board…' }).click()
    await console_.getByRole('button', { name: /Archive now/ }).click()
    await expect.poll(() => customer.getByRole('alert').innerText().catch(() => ''), { timeout: 1500 }).toMatch(/archived/)
    await console_.getByText('This board is archived').waitFor()
  })

  it('keeps the role shown, its hint and the link made in step when the form turns to a group link', async () => {
    const console_ = await openConsole()
    await console_.getByLabel('Title').fill('Roles in step')
    await console_.getByRole('button', { name: 'Create board' }).click()
    await console_.getByRole('heading', { name: 'Roles in step' }).waitFor()
    const role = console_.getByLabel('Role', { exact: true })
    const hint = () => console_.locator('cg-invite-panel').getByText(/follow the board live|edit the map|can do everything/).innerText()
    for (const r of ['facilitator', 'customer', 'brand', 'viewer']) {
      await role.selectOption(r)
      await console_.getByRole('button', { name: 'Create invite link' }).click()
      await expect.poll(() => console_.locator('cg-invite-panel .issued h3').innerText()).toMatch(new RegExp(`\\(?${r}\\)?$`))
    }
    // A group may not be facilitators: the list loses one option, and the viewer stays chosen.
    await console_.getByLabel(/A group/).check()
    await expect.poll(() => role.inputValue()).toBe('viewer')
    expect(await hint()).toMatch(/^Viewers follow the board live/)
    await console_.getByRole('button', { name: 'Create group link' }).click()
    await expect.poll(() => console_.locator('cg-invite-panel .issued h3').innerText()).toBe('Group link for viewers')
  })

  it('says in a sentence why a CmapTools file cut short cannot be imported', async () => {
    const console_ = await openConsole()
    const whole = readFileSync(REAL_CXL, 'utf8')
    await console_.getByLabel('Map file').setInputFiles({ name: 'cut.cxl', mimeType: 'application/xml', buffer: Buffer.from(whole.slice(0, 5000)) })
    await console_.getByRole('button', { name: 'Import map' }).click()
    // The server's words, begun as a sentence: the API's errors start in lower case.
    await expect.poll(() => console_.getByRole('alert').filter({ hasText: 'cut short' }).innerText().catch(() => ''))
      .toMatch(/^The file is cut short: it ends at line \d+ before the closing <\/cmap>, so part of the map is missing\./)
  })

  it('imports a CXL file as a new board, snapshots it, and starts and ends a session', async () => {
    const console_ = await openConsole()
    await console_.getByLabel('Map file').setInputFiles(join(import.meta.dirname, '../fixtures/cxl/fan-out.cxl'))
    await console_.getByRole('button', { name: 'Import map' }).click()
    const result = console_.getByRole('status').filter({ hasText: 'Imported' })
    await expect.poll(() => result.innerText().catch(() => '')).toMatch(/^Imported 6 concepts and 9 propositions into “Fan-out & fan-in”/)
    // The new board is in the list, selected.
    await console_.getByRole('heading', { name: 'Fan-out & fan-in' }).waitFor()
    expect(await console_.getByRole('button', { name: /Fan-out & fan-in/ }).getAttribute('aria-current')).toBe('true')
    const boardId = decodeURIComponent(/board=([^&]+)/.exec(console_.url())![1]!)
    const map = (await (await h.server.api(`/api/boards/${boardId}/map`)).json()) as { concepts: unknown[]; links: unknown[] }
    expect([map.concepts.length, map.links.length]).toEqual([6, 9])

    // A named snapshot, listed (its name as text).
    const history = console_.getByRole('region', { name: 'Snapshots and sessions' })
    await history.getByLabel('Snapshot name').fill(`Start ${HOSTILE}`)
    await history.getByRole('button', { name: 'Take snapshot' }).click()
    await expect.poll(() => history.getByRole('list', { name: 'Snapshots' }).innerText().catch(() => '')).toContain(`Start ${HOSTILE}`)

    // A session, started and ended.
    await history.getByLabel('Session name').fill('Workshop 1')
    await history.getByRole('button', { name: 'Start session' }).click()
    await history.getByRole('button', { name: 'End session' }).waitFor()
    expect(await history.getByRole('status', { name: 'Session state' }).innerText()).toMatch(/Running\s+Workshop 1/)
    await history.getByRole('button', { name: 'End session' }).click()
    await history.getByRole('button', { name: 'Start session' }).waitFor()
    expect(await history.getByRole('status', { name: 'Session state' }).innerText()).toMatch(/No session running\s+Last: Workshop 1/)
    const sessions = (await (await h.server.api(`/api/boards/${boardId}/sessions`)).json()) as { sessions: Array<{ name: string; open: boolean }> }
    expect(sessions.sessions.filter((s) => s.name === 'Workshop 1').map((s) => s.open)).toEqual([false])
    // Ending took a session-end snapshot, which the list shows too.
    await expect.poll(() => history.getByRole('list', { name: 'Snapshots' }).innerText()).toMatch(/Session end/)

    const replay = await history.getByRole('link', { name: /Replay/ }).getAttribute('href')
    expect(replay).toBe(`/replay/${boardId}#token=${encodeURIComponent(h.server.adminToken)}`)

    // A file of another kind is refused in words, and creates nothing.
    await console_.getByLabel('Map file').setInputFiles({ name: 'broken.cxl', mimeType: 'application/xml', buffer: Buffer.from('<cmap><oops') })
    await console_.getByRole('button', { name: 'Import map' }).click()
    await expect.poll(() => console_.locator('cg-board-list .error').innerText().catch(() => '')).not.toBe('')

    expect(await seriousViolations(console_)).toEqual([])
    expect(await pwned(console_)).toBe(0)
    expect(await console_.locator('img[src="x"]').count()).toBe(0)
  })

  it('signs a facilitator in with their invite link and shows them their board only', async () => {
    const { id } = await h.server.createBoard('Theirs', 'Q?')
    await h.server.createBoard('Someone else’s')
    const facilitator = await h.server.invite(id, 'facilitator', 'Fay')
    const ctx = await h.newContext()
    const page = await ctx.newPage()
    await page.goto(`${h.server.url}/`)
    await page.getByLabel('Admin token or facilitator invite').fill('not a token')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/not valid/)
    const brand = await h.server.invite(id, 'brand')
    await page.getByLabel('Admin token or facilitator invite').fill(brand.url)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/facilitator/)
    // Signed out, the sign-in sits in the page's one main landmark: no axe fault of any impact.
    expect(await everyViolation(page)).toEqual([])
    expect(await page.getByRole('main').count()).toBe(1)
    await page.getByLabel('Admin token or facilitator invite').fill(facilitator.url)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Theirs' }).waitFor()
    expect(await page.getByRole('button', { name: /Someone else/ }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Create board' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Import map' }).count()).toBe(0)
    expect(await page.getByText('Signed in as Fay').count()).toBe(1)
  })

  it('on a 390 px phone: the invites and people tables turn to cards, readable, with no sideways scroll', async () => {
    // A long focus question: the board list's one-line question set the phone's column to 417 px.
    const { id } = await h.server.createBoard('Phone console', 'What makes customers stay loyal when a cheaper shop opens next door and checks them out faster?')
    // A second board, so that the service owner may compare workshops.
    await h.server.createBoard('Phone console, the other')
    await h.server.invite(id, 'brand', 'Bea Brandsworth')
    await h.server.invite(id, 'customer', 'Cy on a phone')
    await h.server.invite(id, 'viewer', 'Victoria Viewer-Longname')
    const group = await h.server.api(`/api/boards/${id}/invites`, { method: 'POST', body: JSON.stringify({ role: 'customer', group: true, label: 'Tuesday customers' }) })
    expect(group.status).toBe(201)
    const ctx = await h.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
    const page = await ctx.newPage()
    await page.goto(`${h.server.url}/#board=${id}&token=${encodeURIComponent(h.server.adminToken)}`)
    await page.getByRole('heading', { name: 'Invites' }).waitFor()
    await expect.poll(() => page.locator('cg-people-panel tbody tr').count()).toBe(3)
    // It was 509 px wide, the names and dates a letter a line.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    /** Lines of text per cell of a column (its first, or the expiry), counted from the line boxes' tops. */
    const lines = (panel: string, cell: string) =>
      page.locator(`${panel} tbody ${cell}`).evaluateAll((tds) =>
        tds.map((td) => {
          const range = document.createRange()
          range.selectNodeContents(td)
          return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom))).size
        })
      )
    for (const n of [...(await lines('cg-invite-panel', 'td:first-child')), ...(await lines('cg-invite-panel', 'td[data-label="Expires"]')), ...(await lines('cg-people-panel', 'td:first-child'))]) {
      expect(n).toBeGreaterThan(0)
      expect(n).toBeLessThanOrEqual(2)
    }
    // Cards to the eye, still a table to a screen reader (Chromium's own accessibility tree).
    const cdp = await ctx.newCDPSession(page)
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: Array<{ role?: { value: string }; name?: { value: string } }> }
    const roles = nodes.map((n) => n.role?.value)
    expect(roles.filter((r) => r === 'table')).toHaveLength(2)
    expect(roles.filter((r) => r === 'columnheader')).toHaveLength(10)
    expect(roles.filter((r) => r === 'row')).toHaveLength(9)
    const cells = nodes.filter((n) => n.role?.value === 'cell').map((n) => n.name?.value)
    expect(cells).toContain('Victoria Viewer-Longname')
    // The "Expires" shown before a card's date is not read out again after its column header.
    expect(cells.filter((c) => c?.startsWith('Expires'))).toEqual([])
    expect(await seriousViolations(page)).toEqual([])

    // Compare, tapped far down the page: what it opens is on screen (the page shrank under the finger
    // and showed the board list).
    await page.getByRole('button', { name: 'Compare workshops' }).tap()
    const heading = page.getByRole('heading', { name: 'Compare workshops' })
    await expect.poll(async () => {
      const box = await heading.boundingBox()
      return box !== null && box.y >= 0 && box.y + box.height <= 844
    }).toBe(true)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.screenshot({ path: `${RESULTS_DIR}/console-compare-390.png` })
  })
})

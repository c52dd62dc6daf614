import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousViolations, useHarness, waitLive } from './harness'

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }

describe('join codes and links a facilitator can hand out again', () => {
  const h = useHarness()

  async function openConsole(title: string): Promise<Page> {
    const ctx = await h.newContext()
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.server.url })
    const page = await ctx.newPage()
    await page.goto(`${h.server.url}/#token=${encodeURIComponent(h.server.adminToken)}`)
    await page.getByRole('button', { name: new RegExp(`^${title}`) }).click()
    await page.getByRole('heading', { name: title, exact: true }).waitFor()
    return page
  }

  it('shows a group link’s short code and QR of the short link; a phone types the code at /j and joins', async () => {
    const { id } = await h.server.createBoard('Codes', 'What would make you come back?')
    const console_ = await openConsole('Codes')
    await console_.getByLabel(/A group/).check()
    await console_.getByLabel('Role').selectOption('customer')
    await console_.getByRole('button', { name: 'Create group link' }).click()
    const code = (await console_.locator('.issued .code').innerText({ timeout: 5000 })).trim()
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/)
    const short = `${h.server.url}/j/${code.replace('-', '')}`
    expect(await console_.locator('#issued-link').inputValue()).toBe(short)
    // The QR code holds the short link, not the long one with its token.
    expect(await console_.locator('.issued cg-qr').evaluate((el) => (el as unknown as { text: string }).text)).toBe(short)
    // Projected: the code in large type, with where to type it.
    await console_.getByRole('row', { name: /Group link/ }).getByRole('button', { name: 'QR' }).click()
    expect(await console_.getByRole('dialog').locator('.projected-code').innerText()).toBe(code)
    expect(await console_.getByRole('dialog').locator('.link').innerText()).toBe(`${h.server.url}/j`)

    // Someone in the room types the code on a phone, however they type it.
    const ctx = await h.newContext(PHONE)
    const phone = await ctx.newPage()
    await phone.goto(`${h.server.url}/j`)
    expect(await seriousViolations(phone)).toEqual([])
    await phone.getByLabel('Join code').fill(code.toLowerCase().replace('-', ' '))
    await phone.getByRole('button', { name: 'Join' }).click()
    await phone.getByLabel('Your name').fill('Pat on a phone')
    expect(phone.url()).not.toContain('token=')
    await phone.getByRole('button', { name: 'Join the board' }).click()
    await phone.waitForURL(new RegExp(`/b/${id}`))
    await waitLive(phone)
    const people = (await (await h.server.api(`/api/boards/${id}/participants`)).json()) as { participants: Array<{ name: string }> }
    expect(people.participants.map((p) => p.name)).toContain('Pat on a phone')

    // A wrong code says so, and offers to try again.
    await phone.goto(`${h.server.url}/j/ABCD2345`)
    expect(await phone.getByRole('alert').innerText()).toMatch(/The code ABCD-2345 is not valid/)
    expect(await phone.getByLabel('Join code').isVisible()).toBe(true)
  })

  it('lets the facilitator copy a personal link again later: the same link, until it is revoked', async () => {
    const { id } = await h.server.createBoard('Links', 'What would make you come back?')
    const issued = await h.server.invite(id, 'brand', 'Bea')
    const console_ = await openConsole('Links')
    const row = console_.getByRole('row', { name: /Bea/ })
    await row.getByRole('button', { name: 'Copy link' }).click()
    await expect.poll(() => console_.evaluate(() => navigator.clipboard.readText())).toBe(issued.url)
    await row.getByRole('button', { name: /^Revoke invite/ }).click()
    await row.getByRole('button', { name: 'Confirm revoke' }).click()
    await expect.poll(() => row.getByRole('button', { name: 'Copy link' }).count()).toBe(0)
  })
})

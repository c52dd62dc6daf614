import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addConceptAt, concept, openBoard, seriousViolations, useHarness, statusText, waitLive, type Harness } from './harness'

const notices = (page: Page) => page.locator('cg-board-notices p').allInnerTexts().then((t) => t.join(' '))
const alerts = (page: Page) => page.getByRole('alert').allInnerTexts().then((t) => t.join(' ').trim())
const lock = (h: Harness, id: string, locked: boolean) => h.server.api(`/api/boards/${id}`, { method: 'PATCH', body: JSON.stringify({ locked }) })

describe('board: a lock is a lock', () => {
  const h = useHarness()

  it('shows someone who opens a locked board the lock, never an error', async () => {
    const { id } = await h.server.createBoard('Locked', 'What builds trust?')
    expect((await lock(h, id, true)).status).toBe(200)
    const customer = await openBoard(await h.newContext(), (await h.server.invite(id, 'customer', 'Cy')).url)
    await expect.poll(() => notices(customer), { timeout: 1000 }).toMatch(/The facilitator has locked the board/)
    expect(await customer.getByRole('button', { name: 'Add concept' }).count()).toBe(0)
    // Nothing reads as a failure: no alert, and the status is the usual one.
    await customer.waitForTimeout(500)
    expect(await alerts(customer)).toBe('')
    expect(await statusText(customer)).toMatch(/All changes saved|Connected/)
    expect(await seriousViolations(customer)).toEqual([])
  })

  it('undoes a change the lock refused, tells its author, never hangs on Saving…, and never brings it back', async () => {
    const { id } = await h.server.createBoard('Lock race', 'What builds trust?')
    const [b, c] = await Promise.all([h.server.invite(id, 'brand', 'Bea'), h.server.invite(id, 'customer', 'Cy')])
    const brand = await openBoard(await h.newContext(), b.url)
    const customerCtx = await h.newContext()
    const customer = await openBoard(customerCtx, c.url)
    await addConceptAt(brand, 400, 300, 'Price')
    await concept(customer, 'Price').waitFor()

    // Cy is typing when the facilitator locks the board; Cy's save arrives after the lock.
    await concept(customer, 'Price').dblclick()
    await customer.keyboard.press('End')
    await customer.keyboard.type(' level')
    expect((await lock(h, id, true)).status).toBe(200)
    await expect.poll(() => notices(customer), { timeout: 1000 }).toMatch(/locked the board/)
    await customer.keyboard.press('Enter')

    // Told in words; the change is undone on Cy's screen too; the status settles.
    await expect.poll(() => alerts(customer), { timeout: 5000 }).toBe('Your last change was not kept. The board is locked: only facilitators can change it now.')
    await concept(customer, 'Price').waitFor({ timeout: 5000 })
    expect(await concept(customer, 'Price level').count()).toBe(0)
    await expect.poll(() => statusText(customer), { timeout: 5000 }).toMatch(/All changes saved/)
    expect(await seriousViolations(customer)).toEqual([])
    // Nobody else ever saw it.
    expect(await concept(brand, 'Price level').count()).toBe(0)

    // Unlocked, live, and after Cy reloads (the local copy): it does not come back.
    expect((await lock(h, id, false)).status).toBe(200)
    await expect.poll(() => customer.locator('cg-board-notices p.lock').count(), { timeout: 1000 }).toBe(0)
    await expect.poll(() => customer.getByRole('button', { name: 'Add concept' }).count(), { timeout: 1000 }).toBe(1)
    await customer.reload()
    await waitLive(customer)
    await concept(customer, 'Price').waitFor({ timeout: 5000 })
    await customer.waitForTimeout(500)
    expect(await concept(customer, 'Price level').count()).toBe(0)
    expect(await concept(brand, 'Price level').count()).toBe(0)
    const map = (await (await h.server.api(`/api/boards/${id}/map`)).json()) as { concepts: Array<{ label: string }> }
    expect(map.concepts.map((x) => x.label)).toEqual(['Price'])
  })
})

import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  addConceptAt,
  concept,
  conceptLabels,
  linkByDrag,
  openBoard,
  proposition,
  useHarness,
  statusText,
  type Harness
} from './harness'

/** A brand member and a customer on one board, each in their own browser context. */
async function twoParticipants(h: Harness): Promise<{ brand: Page; customer: Page; boardId: string }> {
  const { id } = await h.server.createBoard('Loyalty study', 'What makes customers stay loyal?')
  const [b, c] = await Promise.all([h.server.invite(id, 'brand', 'Bea Brand'), h.server.invite(id, 'customer', 'Carl Customer')])
  const [brandCtx, customerCtx] = await Promise.all([h.newContext(), h.newContext()])
  const brand = await openBoard(brandCtx, b.url)
  const customer = await openBoard(customerCtx, c.url)
  return { brand, customer, boardId: id }
}

const WITHIN_A_SECOND = { timeout: 1000, interval: 25 }
/** The name tags on a concept (drawn from their data-name, so they are no part of its label). */
const markNames = (box: Locator) => box.locator('.mark').evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''))

describe('board: two participants live', () => {
  const h = useHarness()

  it('shows each one’s concepts, links and label edits at the other within a second', async () => {
    const { brand, customer } = await twoParticipants(h)
    expect(await brand.locator('h1').innerText()).toBe('What makes customers stay loyal?')

    await addConceptAt(brand, 300, 250, 'Price')
    await expect.poll(() => concept(customer, 'Price').count(), WITHIN_A_SECOND).toBe(1)

    await addConceptAt(customer, 700, 420, 'Loyalty')
    await expect.poll(() => concept(brand, 'Loyalty').count(), WITHIN_A_SECOND).toBe(1)

    await linkByDrag(brand, 'Price', 'Loyalty', 'affects')
    await expect.poll(() => proposition(customer, 'Price affects Loyalty').count(), WITHIN_A_SECOND).toBe(1)

    // The customer renames the linking phrase, then a concept.
    await proposition(customer, 'Price affects Loyalty').dblclick()
    await customer.locator('cg-label-editor[kind="link"] textarea').fill('strengthens')
    await customer.keyboard.press('Enter')
    await expect.poll(() => proposition(brand, 'Price strengthens Loyalty').count(), WITHIN_A_SECOND).toBe(1)

    await concept(customer, 'Price').dblclick()
    await customer.locator('cg-label-editor textarea').fill('Fair price')
    await customer.keyboard.press('Enter')
    await expect.poll(() => proposition(brand, 'Fair price strengthens Loyalty').count(), WITHIN_A_SECOND).toBe(1)

    // Moving a concept moves it at the other's too (x, y are shared).
    const before = await concept(customer, 'Loyalty').boundingBox()
    const box = (await concept(brand, 'Loyalty').boundingBox())!
    await brand.mouse.move(box.x + 10, box.y + 10)
    await brand.mouse.down()
    await brand.mouse.move(box.x + 10, box.y + 110, { steps: 5 })
    await brand.mouse.up()
    await expect
      .poll(async () => ((await concept(customer, 'Loyalty').boundingBox())?.y ?? 0) - before!.y, WITHIN_A_SECOND)
      .toBeGreaterThan(90)

    // Deleting a concept takes its links with it, at both.
    await concept(brand, 'Fair price').click()
    await brand.keyboard.press('Delete')
    await expect.poll(() => concept(customer, 'Fair price').count(), WITHIN_A_SECOND).toBe(0)
    expect(await customer.locator('cg-link').count()).toBe(0)

    // The journal acknowledgement: the server has it all on disk.
    await expect.poll(() => statusText(brand), { timeout: 3000 }).toBe('All changes saved')
    await expect.poll(() => statusText(customer), { timeout: 3000 }).toBe('All changes saved')
  })

  it('undo reverts only one’s own changes, redo brings them back', async () => {
    const { brand, customer } = await twoParticipants(h)
    await addConceptAt(brand, 300, 250, 'Alpha')
    await addConceptAt(customer, 650, 400, 'Beta')
    await expect.poll(() => conceptLabels(brand)).toEqual(['Alpha', 'Beta'])

    // Brand undoes: its Alpha goes, the customer's Beta stays, at both.
    await concept(brand, 'Alpha').click()
    await brand.keyboard.press('Control+z')
    await expect.poll(() => conceptLabels(brand), WITHIN_A_SECOND).toEqual(['Beta'])
    await expect.poll(() => conceptLabels(customer), WITHIN_A_SECOND).toEqual(['Beta'])

    // Undoing again has nothing of the brand's left: Beta survives.
    await brand.keyboard.press('Control+z')
    await brand.waitForTimeout(200)
    expect(await conceptLabels(customer)).toEqual(['Beta'])

    await brand.keyboard.press('Control+Shift+z')
    await expect.poll(() => conceptLabels(customer), WITHIN_A_SECOND).toEqual(['Alpha', 'Beta'])

    // The customer's label edit is undone by the customer alone, leaving the brand's concept.
    await concept(customer, 'Alpha').dblclick()
    await customer.locator('cg-label-editor textarea').fill('Alpha renamed')
    await customer.keyboard.press('Enter')
    await expect.poll(() => conceptLabels(brand), WITHIN_A_SECOND).toEqual(['Alpha renamed', 'Beta'])
    await customer.keyboard.press('Control+z')
    await expect.poll(() => conceptLabels(brand), WITHIN_A_SECOND).toEqual(['Alpha', 'Beta'])
    // The toolbar's undo button does the same as the key.
    await customer.getByRole('button', { name: 'Undo', exact: true }).click()
    await expect.poll(() => conceptLabels(brand), WITHIN_A_SECOND).toEqual(['Alpha'])
  })

  it('shows who is here, their cursors and selections, and removes them when they leave', async () => {
    const { brand, customer } = await twoParticipants(h)
    const people = (page: Page) => page.locator('cg-presence li').allInnerTexts()
    await expect.poll(() => people(brand)).toEqual(expect.arrayContaining([expect.stringContaining('Carl Customer')]))
    await expect.poll(() => people(customer)).toEqual(expect.arrayContaining([expect.stringContaining('Carl Customer (you)')]))
    await expect.poll(() => people(customer)).toEqual(expect.arrayContaining([expect.stringContaining('Bea Brand')]))

    await customer.mouse.move(500, 400)
    await customer.mouse.move(520, 410, { steps: 3 })
    const cursor = brand.locator('cg-cursors .cursor', { hasText: 'Carl Customer' })
    await expect.poll(() => cursor.count(), WITHIN_A_SECOND).toBe(1)

    await addConceptAt(brand, 400, 300, 'Shared')
    await concept(customer, 'Shared').click()
    await expect.poll(() => markNames(concept(brand, 'Shared')), WITHIN_A_SECOND).toEqual(['Carl Customer'])
    await concept(customer, 'Shared').dblclick()
    await expect
      .poll(() => markNames(concept(brand, 'Shared')), WITHIN_A_SECOND)
      .toEqual(['Carl Customer is editing'])
    await customer.keyboard.press('Escape')

    await customer.close()
    await expect.poll(() => cursor.count(), { timeout: 3000 }).toBe(0)
    await expect.poll(() => people(brand), { timeout: 3000 }).toEqual([expect.stringContaining('Bea Brand (you)')])
    expect(await concept(brand, 'Shared').locator('.mark').count()).toBe(0)
  })
})

import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { RESULTS_DIR } from '../support/browser'
import { addConceptAt, concept, openBoard, seriousViolations, useHarness } from './harness'

const editor = (page: Page) => page.locator('cg-label-editor textarea')
const note = (page: Page) => page.locator('cg-label-editor .note').innerText().catch(() => '')

describe('board: two people editing one label', () => {
  const h = useHarness()

  async function pair() {
    const { id } = await h.server.createBoard('Labels', 'What makes customers stay loyal?')
    const [b, c] = await Promise.all([h.server.invite(id, 'brand', 'Bea'), h.server.invite(id, 'customer', 'Cy')])
    const brand = await openBoard(await h.newContext(), b.url)
    const customer = await openBoard(await h.newContext(), c.url)
    await addConceptAt(brand, 450, 300, 'price')
    await concept(customer, 'price').waitFor()
    return { brand, customer }
  }

  it('keeps what one is typing when the other saves, and merges both edits', async () => {
    const { brand, customer } = await pair()
    await concept(brand, 'price').dblclick()
    await brand.keyboard.press('Home')
    await brand.keyboard.type('fair ')
    // The customer opens the same label: each is told the other is editing it.
    await concept(customer, 'price').dblclick()
    await expect.poll(() => note(brand)).toBe('Cy is also editing this label.')
    await customer.keyboard.press('End')
    await customer.keyboard.type(' level')
    await customer.keyboard.press('Enter')
    await concept(brand, 'price level').waitFor({ state: 'attached', timeout: 5000 })
    // Bea's text is still hers, and she is told what changed meanwhile.
    expect(await editor(brand).inputValue()).toBe('fair price')
    await expect.poll(() => note(brand)).toBe('Changed meanwhile to “price level”. Enter saves both changes together.')
    expect(await seriousViolations(brand)).toEqual([])
    await brand.keyboard.press('Enter')
    for (const page of [brand, customer]) await concept(page, 'fair price level').waitFor({ timeout: 5000 })
    // Opened again, the editor is as wide as the box and keeps the three words on one line (it took
    // the narrowest width and wrapped them onto three, so Home went to the start of a visual line).
    await concept(customer, 'fair price level').dblclick()
    const [box, field] = await Promise.all([concept(customer, 'fair price level').boundingBox(), editor(customer).boundingBox()])
    expect(field!.width).toBeGreaterThanOrEqual(box!.width - 1)
    expect(field!.height).toBeLessThan(40)
    await customer.screenshot({ path: `${RESULTS_DIR}/label-editor-one-line.png` })
  })

  it('asks when both changed the same words: nobody’s text is dropped without them knowing', async () => {
    const { brand, customer } = await pair()
    await concept(brand, 'price').dblclick()
    await brand.keyboard.type('Cost')
    await concept(customer, 'price').dblclick()
    await customer.keyboard.type('Value')
    await customer.keyboard.press('Enter')
    await concept(brand, 'Value').waitFor({ state: 'attached', timeout: 5000 })
    await brand.keyboard.press('Enter')
    // Not saved over theirs: the editor stays, with Bea's text and what Cy saved.
    await expect.poll(() => note(brand)).toBe('Saved meanwhile by someone else: “Value”. Enter saves yours instead; Escape keeps theirs.')
    expect(await editor(brand).inputValue()).toBe('Cost')
    expect(await concept(customer, 'Value').count()).toBe(1)
    // Her choice: hers.
    await brand.keyboard.press('Enter')
    for (const page of [brand, customer]) await concept(page, 'Cost').waitFor({ timeout: 5000 })
    expect(await editor(brand).count()).toBe(0)
  })
})

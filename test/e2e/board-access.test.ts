import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  addConceptAt,
  concept,
  conceptLabels,
  linkByDrag,
  openBoard,
  proposition,
  seriousViolations,
  useHarness,
  statusText
} from './harness'

/** The focused element, looking through shadow roots: tag, role and accessible-name attributes. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    if (!el) return ''
    const role = el.getAttribute('role') ?? ''
    const name = el.getAttribute('aria-label') ?? (el as HTMLElement).innerText?.trim() ?? ''
    return `${el.tagName.toLowerCase()}|${role}|${name}`
  })
}

function announcement(page: Page): Promise<string> {
  return page.locator('cg-board [role="status"][aria-live]').innerText()
}


describe('board: keyboard, screen readers, roles', () => {
  const h = useHarness()

  async function board(title = 'Access', question = 'What makes a good visit?') {
    const { id } = await h.server.createBoard(title, question)
    return id
  }

  it('creates a proposition by keyboard alone, announcing it', async () => {
    const id = await board()
    const [b, c] = await Promise.all([h.server.invite(id, 'brand', 'Bea Brand'), h.server.invite(id, 'customer', 'Carl Customer')])
    const brand = await openBoard(await h.newContext(), b.url)
    const customer = await openBoard(await h.newContext(), c.url)

    // The people on the board are one stop (Follow), however many they are; then the map.
    await brand.keyboard.press('Tab')
    expect(await focused(brand)).toBe('button||Follow Carl Customer’s view')
    await brand.keyboard.press('Tab')
    expect(await focused(brand)).toMatch(/^div\|listbox\|Concept map: What makes a good visit\?$/)
    await brand.keyboard.press('n')
    await brand.keyboard.type('Friendly staff')
    await brand.keyboard.press('Enter')
    await expect.poll(() => focused(brand)).toBe('div|option|Friendly staff')
    await brand.keyboard.press('n')
    await brand.keyboard.type('Return visits')
    await brand.keyboard.press('Enter')
    await expect.poll(() => focused(brand)).toBe('div|option|Return visits')
    expect(await announcement(brand)).toBe('Added concept Return visits')

    // Back to the first concept with an arrow key, then L to link it.
    await brand.keyboard.press('ArrowLeft')
    await expect.poll(() => focused(brand)).toBe('div|option|Friendly staff')
    await brand.keyboard.press('l')
    await expect.poll(() => focused(brand)).toMatch(/^select\|/)
    await brand.keyboard.press('Tab')
    await brand.keyboard.type('bring')
    await brand.keyboard.press('Enter')

    await expect.poll(() => focused(brand)).toBe('span|option|Friendly staff bring Return visits')
    await expect.poll(() => announcement(brand)).toBe('Proposition added: Friendly staff bring Return visits')
    await expect.poll(() => proposition(customer, 'Friendly staff bring Return visits').count(), { timeout: 1000 }).toBe(1)
    // A concept tells a screen reader the propositions it is part of.
    expect(await concept(brand, 'Friendly staff').getAttribute('aria-description')).toBe('1 link: bring Return visits')

    // Edit the phrase, then delete the link, all from the keyboard.
    await brand.keyboard.press('Enter')
    await brand.keyboard.press('Control+a')
    await brand.keyboard.type('lead to')
    await brand.keyboard.press('Enter')
    await expect.poll(() => proposition(customer, 'Friendly staff lead to Return visits').count(), { timeout: 1000 }).toBe(1)
    await expect.poll(() => focused(brand)).toBe('span|option|Friendly staff lead to Return visits')
    await brand.keyboard.press('Delete')
    await expect.poll(() => customer.locator('cg-link').count(), { timeout: 1000 }).toBe(0)
    // And undo brings it back.
    await brand.keyboard.press('Control+z')
    await expect.poll(() => proposition(customer, 'Friendly staff lead to Return visits').count(), { timeout: 1000 }).toBe(1)
  })

  it('lets a viewer watch live and change nothing, and says so', async () => {
    const id = await board()
    const [b, v] = await Promise.all([h.server.invite(id, 'brand', 'Bea Brand'), h.server.invite(id, 'viewer', 'Vic Viewer')])
    const brand = await openBoard(await h.newContext(), b.url)
    await addConceptAt(brand, 400, 300, 'Visible')
    const viewer = await openBoard(await h.newContext(), v.url)
    await expect.poll(() => conceptLabels(viewer)).toEqual(['Visible'])
    expect(await viewer.getByText('You are viewing this board').count()).toBe(1)
    expect(await viewer.getByRole('button', { name: 'Add concept' }).count()).toBe(0)
    expect(await viewer.locator('cg-canvas .map').getAttribute('aria-readonly')).toBe('true')

    // Nothing a participant would do changes anything.
    await viewer.mouse.dblclick(200, 500)
    expect(await viewer.locator('cg-label-editor').count()).toBe(0)
    const brandBox = (await concept(brand, 'Visible').boundingBox())!
    const box = (await concept(viewer, 'Visible').boundingBox())!
    await viewer.mouse.move(box.x + 10, box.y + 10)
    await viewer.mouse.down()
    await viewer.mouse.move(box.x + 10, box.y + 150, { steps: 4 })
    await viewer.mouse.up()
    await concept(viewer, 'Visible').dblclick()
    expect(await viewer.locator('cg-label-editor').count()).toBe(0)
    for (const key of ['n', 'Enter', 'l', 'Delete', 'Shift+ArrowDown', 'Control+z']) await viewer.keyboard.press(key)
    expect(await viewer.locator('cg-label-editor').count()).toBe(0)
    await viewer.waitForTimeout(300)
    expect(await conceptLabels(brand)).toEqual(['Visible'])
    expect((await concept(brand, 'Visible').boundingBox())!.y).toBeCloseTo(brandBox.y, 0)

    // It is live: the brand's next concept arrives within a second.
    await addConceptAt(brand, 600, 300, 'Later')
    await expect.poll(() => conceptLabels(viewer), { timeout: 1000 }).toEqual(['Later', 'Visible'])
  })

  it('asks a group invite for a display name once, and uses the name an invite carries', async () => {
    const id = await board()
    const group = await h.server.invite(id, 'customer')
    const named = await h.server.invite(id, 'brand', 'Bea Brand')
    const brand = await openBoard(await h.newContext(), named.url)
    expect(await brand.getByRole('dialog').count()).toBe(0)

    const ctx = await h.newContext()
    const page = await ctx.newPage()
    await page.goto(group.url)
    const dialog = page.getByRole('dialog', { name: 'Join the board' })
    await dialog.waitFor()
    await page.getByLabel('Your name').fill('Gina')
    await page.getByRole('button', { name: 'Join' }).click()
    await expect.poll(() => page.locator('cg-presence li').allInnerTexts()).toContainEqual(expect.stringContaining('Gina (you)'))
    await expect.poll(() => brand.locator('cg-presence li').allInnerTexts()).toContainEqual(expect.stringContaining('Gina'))

    // Once per board: another visit with the same invite does not ask again.
    const again = await ctx.newPage()
    await again.goto(group.url)
    await expect.poll(() => again.locator('cg-presence li').allInnerTexts()).toContainEqual(expect.stringContaining('Gina (you)'))
    expect(await again.getByRole('dialog', { name: 'Join the board' }).isVisible()).toBe(false)
  })

  it('says clearly when an invite is not valid or the board does not exist', async () => {
    const id = await board()
    const ctx = await h.newContext()
    const page = await ctx.newPage()
    await page.goto(`${h.server.url}/b/${id}?token=not-a-token`)
    await expect.poll(() => page.getByRole('alert').innerText().catch(() => ''), { timeout: 5000 }).toMatch(/invite link is not valid/)
    expect(await statusText(page)).toBe('Disconnected')

    const other = await h.server.invite(id, 'brand', 'Bea Brand')
    const missing = await ctx.newPage()
    await missing.goto(`${h.server.url}/b/NoSuchBoard123?token=${other.token}`)
    await expect.poll(() => missing.getByRole('alert').innerText().catch(() => ''), { timeout: 5000 }).toMatch(/not valid|does not exist|do not have access/)
  })

  it('has no serious or critical axe-core violations (editor, viewer, dialogs)', async () => {
    const id = await board('Axe', 'Why do people come back?')
    const [b, v] = await Promise.all([h.server.invite(id, 'brand', 'Bea Brand'), h.server.invite(id, 'viewer', 'Vic Viewer')])
    const brand = await openBoard(await h.newContext(), b.url)
    await addConceptAt(brand, 300, 250, 'Price')
    await addConceptAt(brand, 700, 420, 'Loyalty')
    await linkByDrag(brand, 'Price', 'Loyalty', 'affects')
    await addConceptAt(brand, 700, 200, 'Service')
    const viewer = await openBoard(await h.newContext(), v.url)
    await viewer.mouse.move(500, 350)
    await concept(brand, 'Service').click()
    await expect.poll(() => brand.locator('cg-cursors .cursor').count()).toBe(1)

    expect(await seriousViolations(brand)).toEqual([])
    expect(await seriousViolations(viewer)).toEqual([])
    // With the inline editor open, and with each dialog open.
    await concept(brand, 'Service').dblclick()
    expect(await seriousViolations(brand)).toEqual([])
    await brand.keyboard.press('Escape')
    await brand.keyboard.press('l')
    await brand.getByRole('dialog').waitFor()
    expect(await seriousViolations(brand)).toEqual([])
    await brand.keyboard.press('Escape')
    await brand.getByRole('button', { name: 'Keyboard shortcuts' }).click()
    expect(await seriousViolations(brand)).toEqual([])
    // Five axe runs: CPU-bound, slow on a loaded machine.
  }, 90_000)
})

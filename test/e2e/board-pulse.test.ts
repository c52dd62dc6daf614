import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { PulseList } from '../../shared/api/routes/history-routes'
import { addConceptAt, openBoard, useHarness } from './harness'

const pulseDialog = (page: Page) => page.locator('cg-pulse-dialog dialog')
const question = (page: Page, text: string) => pulseDialog(page).getByRole('group', { name: text, exact: true })

describe('board: the pulse survey at a session’s end', () => {
  const h = useHarness()

  const answers = async (boardId: string) => {
    const res = await h.server.api(`/api/boards/${boardId}/pulse`)
    expect(res.status).toBe(200)
    return ((await res.json()) as PulseList).answers
  }

  it('asks brand and customer participants when the facilitator ends the session, and records the answers', async () => {
    const { id } = await h.server.createBoard('Pulse', 'What builds trust?')
    const [f, b, c] = await Promise.all([h.server.invite(id, 'facilitator', 'Fay'), h.server.invite(id, 'brand', 'Bea'), h.server.invite(id, 'customer', 'Cy')])
    const facilitator = await openBoard(await h.newContext(), f.url)
    const brand = await openBoard(await h.newContext(), b.url)
    const customer = await openBoard(await h.newContext(), c.url)
    // Only the facilitator can end a session; the others can leave.
    await expect.poll(() => customer.getByRole('button', { name: 'End session' }).count()).toBe(0)
    await expect.poll(() => facilitator.getByRole('button', { name: 'Leave' }).count()).toBe(0)

    // Some work first: ending covers the session people had (here found from activity).
    await addConceptAt(brand, 500, 300, 'Delivery')
    await facilitator.getByRole('button', { name: 'End session' }).click()
    await pulseDialog(customer).waitFor({ state: 'visible', timeout: 15_000 })
    await pulseDialog(brand).waitFor({ state: 'visible', timeout: 15_000 })
    await expect.poll(() => customer.getByRole('heading', { name: 'The session has ended' }).isVisible()).toBe(true)
    // The facilitator does not answer the pulse.
    expect(await pulseDialog(facilitator).isVisible()).toBe(false)
    await expect.poll(() => facilitator.locator('cg-facilitator-bar .message').innerText()).toMatch(/Session 1 ended: .* asked the pulse questions/)

    // Accessible: a modal dialog named by its heading, three radio groups named by their statements,
    // and focus on the first choice so the keyboard can start at once.
    await expect.poll(() => customer.getByRole('dialog', { name: 'The session has ended' }).isVisible()).toBe(true)
    expect(await pulseDialog(customer).getByRole('group').count()).toBe(3)
    // Each statement sits inside its box, not on the border (on a phone the border ran between the
    // lines of a statement that wrapped): looked at on a 390 px screen too.
    const legendsInside = () =>
      pulseDialog(customer).locator('fieldset').evaluateAll((sets) => sets.every((f) => f.querySelector('legend')!.getBoundingClientRect().top >= f.getBoundingClientRect().top))
    expect(await legendsInside()).toBe(true)
    await customer.setViewportSize({ width: 390, height: 844 })
    expect(await legendsInside()).toBe(true)
    await customer.screenshot({ path: 'test-results/pulse-dialog-390.png' })
    await customer.setViewportSize({ width: 1100, height: 720 })
    for (const text of ['The other side understood my view', 'I learned something new about the other side', 'This map represents what we share']) {
      expect(await question(customer, text).getByRole('radio').count()).toBe(6)
    }
    await expect
      .poll(() => customer.evaluate(() => {
        let el: Element | null = document.activeElement
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
        return el?.getAttribute('aria-label') ?? ''
      }))
      .toBe('1, strongly disagree')
    // First item by mouse; the second by keyboard (Tab into the group, arrows pick); the third left unanswered.
    await question(customer, 'The other side understood my view').getByRole('radio', { name: '4' }).check()
    const learned = question(customer, 'I learned something new about the other side')
    await learned.getByRole('radio', { name: '1, strongly disagree' }).focus()
    await customer.keyboard.press('ArrowRight')
    await customer.keyboard.press('ArrowRight')
    expect(await learned.getByRole('radio', { name: '3, neither' }).isChecked()).toBe(true)
    await pulseDialog(customer).getByRole('button', { name: 'Send answers' }).click()
    await pulseDialog(customer).waitFor({ state: 'hidden', timeout: 15_000 })

    // The brand participant skips with Escape: nothing is recorded for them.
    await brand.keyboard.press('Escape')
    await pulseDialog(brand).waitFor({ state: 'hidden', timeout: 15_000 })

    const sessions = ((await (await h.server.api(`/api/boards/${id}/sessions`)).json()) as { sessions: Array<{ id: string; kind: string }> }).sessions
    const marked = sessions.find((s) => s.kind === 'marked')!
    await expect.poll(() => answers(id), { timeout: 15_000 }).toEqual([
      expect.objectContaining({ participant: expect.objectContaining({ name: 'Cy', role: 'customer' }), session: marked.id, understood: 4, learned: 3, represents: null })
    ])
  }, 90_000)

  it('asks a participant who leaves, then disconnects them', async () => {
    const { id } = await h.server.createBoard('Leaving', 'What builds trust?')
    const b = await h.server.invite(id, 'brand', 'Bea')
    const brand = await openBoard(await h.newContext(), b.url)
    // Some work first, so the board has a session (found from activity) to answer for.
    await addConceptAt(brand, 500, 300, 'Delivery')
    await expect
      .poll(async () => ((await (await h.server.api(`/api/boards/${id}/sessions`)).json()) as { sessions: unknown[] }).sessions.length, { timeout: 15_000 })
      .toBe(1)

    await brand.getByRole('button', { name: 'Leave' }).click()
    await expect.poll(() => brand.getByRole('heading', { name: 'Before you go' }).isVisible()).toBe(true)
    await question(brand, 'This map represents what we share').getByRole('radio', { name: '5, strongly agree' }).check()
    await pulseDialog(brand).getByRole('button', { name: 'Send answers' }).click()
    await pulseDialog(brand).waitFor({ state: 'hidden', timeout: 15_000 })
    await expect.poll(() => brand.getByText('You have left this board').isVisible()).toBe(true)
    await expect.poll(() => answers(id), { timeout: 15_000 }).toEqual([
      expect.objectContaining({ participant: expect.objectContaining({ name: 'Bea' }), understood: null, learned: null, represents: 5 })
    ])
    // Gone: the server no longer counts a connection for them.
    await expect
      .poll(async () => ((await (await h.server.api(`/api/boards/${id}/participants`)).json()) as { participants: Array<{ connections: number }> }).participants[0]?.connections, {
        timeout: 15_000
      })
      .toBe(0)
  }, 90_000)

  it('does not ask again on Leave after the end-of-session pulse, and never loses the answers given', async () => {
    const { id } = await h.server.createBoard('Answered', 'What builds trust?')
    const [f, b] = await Promise.all([h.server.invite(id, 'facilitator', 'Fay'), h.server.invite(id, 'brand', 'Bea')])
    const facilitator = await openBoard(await h.newContext(), f.url)
    const brand = await openBoard(await h.newContext(), b.url)
    await addConceptAt(brand, 500, 300, 'Delivery')
    await facilitator.getByRole('button', { name: 'End session' }).click()
    await pulseDialog(brand).waitFor({ state: 'visible', timeout: 15_000 })
    await question(brand, 'The other side understood my view').getByRole('radio', { name: '3, neither' }).check()
    await pulseDialog(brand).getByRole('button', { name: 'Send answers' }).click()
    await pulseDialog(brand).waitFor({ state: 'hidden', timeout: 15_000 })
    const kept = [expect.objectContaining({ participant: expect.objectContaining({ name: 'Bea' }), understood: 3, learned: null, represents: null })]
    await expect.poll(() => answers(id), { timeout: 15_000 }).toEqual(kept)

    // Leave: she answered for the session that just ended, so she is not asked again, only told.
    await brand.getByRole('button', { name: 'Leave' }).click()
    await expect.poll(() => brand.getByText('You have left this board').isVisible()).toBe(true)
    expect(await pulseDialog(brand).isVisible()).toBe(false)
    await expect.poll(() => brand.getByText('Your answers to the pulse for this session are saved.').isVisible()).toBe(true)
    expect(await answers(id)).toEqual(kept)

    // A page that does not know (opened afresh) asks; the server keeps the earlier answers and the page says so.
    const again = await openBoard(await h.newContext(), b.url)
    await again.getByRole('button', { name: 'Leave' }).click()
    await expect.poll(() => again.getByRole('heading', { name: 'Before you go' }).isVisible()).toBe(true)
    await question(again, 'This map represents what we share').getByRole('radio', { name: '5, strongly agree' }).check()
    await pulseDialog(again).getByRole('button', { name: 'Send answers' }).click()
    await expect.poll(() => again.getByText('You have left this board').isVisible(), { timeout: 15_000 }).toBe(true)
    await expect.poll(() => again.getByText('You had already answered the pulse for this session; those answers are kept.').isVisible()).toBe(true)
    expect(await answers(id)).toEqual(kept)
  }, 90_000)
})

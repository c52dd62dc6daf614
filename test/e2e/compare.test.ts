import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { addConcept, addLink, stockClient, synced, waitFor, type StockClient } from '../support/clients'
import { RESULTS_DIR } from '../support/browser'
import { useHarness } from './harness'

const DESKTOP = { viewport: { width: 1280, height: 800 } }
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }

describe('console: compare workshops', () => {
  const h = useHarness()
  const clients: StockClient[] = []
  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy()
  })

  async function workshop(title: string, props: Array<[string, string, string]>, role: 'brand' | 'customer'): Promise<void> {
    const { id } = await h.server.createBoard(title, 'What makes a delivery trustworthy?')
    const c = stockClient(h.server.wsUrl, id, (await h.server.invite(id, role)).token)
    clients.push(c)
    await synced(c)
    props.forEach(([from, label, to], i) => {
      addConcept(c.doc, `a${i}`, from)
      addConcept(c.doc, `b${i}`, to)
      addLink(c.doc, `l${i}`, `a${i}`, `b${i}`, label)
    })
    await waitFor(() => c.provider.synced, 3000)
    // Until the server holds the whole map (the comparison reads it there).
    const held = async () => {
      const map = (await (await h.server.api(`/api/boards/${id}/map`)).json()) as { concepts: unknown[]; links: unknown[] }
      return [map.concepts.length, map.links.length]
    }
    await expect.poll(held, { interval: 20 }).toEqual([2 * props.length, props.length])
  }

  it('shows three boards’ profiles side by side and the propositions that recur, on a desktop and on a phone', async () => {
    await workshop('Group A', [['Delivery', 'builds', 'Trust'], ['Price', 'affects', 'Loyalty']], 'customer')
    await workshop('Group B', [['price', 'affects', 'loyalty']], 'brand')
    await workshop('Group C', [['Price', 'affects', 'Loyalty'], ['delivery', 'builds', 'trust'], ['App', 'causes', 'Frustration']], 'brand')

    for (const [name, options] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      const ctx = await h.newContext(options)
      const page: Page = await ctx.newPage()
      await page.goto(`${h.server.url}/#token=${encodeURIComponent(h.server.adminToken)}`)
      await page.getByRole('button', { name: 'Compare workshops' }).click()
      for (const title of ['Group A', 'Group B', 'Group C']) await page.getByRole('checkbox', { name: title }).check()
      await page.getByRole('button', { name: 'Compare 3 boards' }).click()
      const rows = page.locator('cg-compare-panel table[data-table="propositions"] tbody tr')
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2)
      expect(await rows.nth(0).getAttribute('data-key')).toBe('price|affects|loyalty')
      expect(await rows.nth(0).locator('td').nth(1).textContent()).toBe('3')
      // Group A's customer wrote it first.
      expect(await rows.nth(0).locator('.side').textContent()).toBe('customers')
      expect(await rows.nth(1).getAttribute('data-key')).toBe('delivery|builds|trust')
      // Balance per board: A only customers, B and C only the brand → 0 each.
      // The results are brought into view (below the fold on a phone) and hold the focus.
      const heading = page.locator('cg-compare-panel #compare-results')
      await expect.poll(async () => (await heading.boundingBox())?.y ?? -100).toBeGreaterThan(-2)
      expect((await heading.boundingBox())!.y).toBeLessThan(options.viewport.height / 2)
      expect(await heading.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true)
      const balance = await page.locator('cg-compare-panel tr[data-metric="balance"] td').allTextContents()
      expect(balance).toEqual(['0.00', '0.00', '0.00'])
      // No board had a stream: no stream rows reading 0.00 as if they were findings.
      expect(await page.locator('cg-compare-panel tr[data-metric^="stream."]').count()).toBe(0)
      expect(await page.locator('cg-compare-panel tr[data-metric="structure.score"]').count()).toBe(1)
      mkdirSync(RESULTS_DIR, { recursive: true })
      await page.screenshot({ path: join(RESULTS_DIR, `compare-${name}.png`), fullPage: name === 'desktop' })

      // The consensus map downloads.
      const download = page.waitForEvent('download')
      await page.locator('cg-compare-panel button[data-format="mermaid"]').click()
      const file = await download
      expect(file.suggestedFilename()).toBe('consensus.mmd')
      await ctx.close()
    }
  }, 120_000)

  it('compares two sessions of one board with another board, chosen in the console', async () => {
    const s = h.server
    const { id: x } = await s.createBoard('Group X', 'What makes a delivery trustworthy?')
    const c = stockClient(s.wsUrl, x, (await s.invite(x, 'customer')).token)
    clients.push(c)
    await synced(c)
    const recorded = async (n: number) => {
      for (let i = 0; i < 100 && ((await (await s.api(`/api/boards/${x}/history`)).json()) as { events: unknown[] }).events.length < n; i++) {
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    const write = (i: number, [from, label, to]: [string, string, string]) => {
      addConcept(c.doc, `x${i}a`, from)
      addConcept(c.doc, `x${i}b`, to)
      addLink(c.doc, `x${i}`, `x${i}a`, `x${i}b`, label)
    }
    const session = async (name: string, i: number, prop: [string, string, string]) => {
      expect((await s.api(`/api/boards/${x}/sessions/start`, { method: 'POST', body: JSON.stringify({ name }) })).status).toBe(201)
      write(i, prop)
      await recorded(3 * i)
      expect((await s.api(`/api/boards/${x}/sessions/end`, { method: 'POST' })).status).toBe(200)
    }
    await session('Morning', 1, ['Delivery', 'builds', 'Trust'])
    await session('Afternoon', 2, ['App', 'causes', 'Frustration'])
    await workshop('Group Y', [['app', 'causes', 'frustration']], 'brand')

    const ctx = await h.newContext(DESKTOP)
    const page: Page = await ctx.newPage()
    await page.goto(`${s.url}/#token=${encodeURIComponent(s.adminToken)}`)
    await page.getByRole('button', { name: 'Compare workshops' }).click()
    // Group X ran two sessions: each is offered; a board of one session is offered as the board only.
    const sessionsOfX = page.getByRole('group', { name: 'Sessions of Group X' })
    await sessionsOfX.waitFor({ timeout: 10_000 })
    expect(await page.getByRole('group', { name: 'Sessions of Group Y' }).count()).toBe(0)
    await page.getByRole('checkbox', { name: 'Group X - Morning' }).check()
    await page.getByRole('checkbox', { name: 'Group X - Afternoon' }).check()
    await page.getByRole('checkbox', { name: 'Group Y', exact: true }).check()
    await page.getByRole('button', { name: 'Compare 3 workshops' }).click()
    const heads = page.locator('cg-compare-panel table[data-table="profiles"] thead th')
    await expect.poll(() => heads.allTextContents(), { timeout: 10_000 }).toEqual(['Figure', 'Group X - Morning', 'Group X - Afternoon', 'Group Y'])
    // The morning's map (as it left it) lacks the afternoon's proposition; the afternoon's holds both.
    const rows = page.locator('cg-compare-panel table[data-table="propositions"] tbody tr')
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-key')))).toEqual(['app|causes|frustration', 'delivery|builds|trust'])
    expect(await rows.nth(0).locator('td').nth(3).textContent()).toBe('Group X - Afternoon, Group Y')
    expect(await rows.nth(1).locator('td').nth(3).textContent()).toBe('Group X - Morning, Group X - Afternoon')
    // Novelty by hand: every concept on Group X's map (either session) is a customer's (1); Group Y's all the brand's (0).
    const novelty = await page.locator('cg-compare-panel tr[data-metric="novelty"] td').allTextContents()
    expect(novelty).toEqual(['1.00', '1.00', '0.00'])
    mkdirSync(RESULTS_DIR, { recursive: true })
    await page.screenshot({ path: join(RESULTS_DIR, 'compare-sessions.png'), fullPage: true })
  }, 120_000)
})

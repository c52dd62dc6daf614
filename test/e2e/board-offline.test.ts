import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { stockClient, synced } from '../support/clients'
import { addConceptAt, concept, conceptLabels, openBoard, useHarness, statusText, waitLive } from './harness'

/** These tests are about the service worker that keeps the page for offline reloads (others block it). */
const WITH_WORKER = { serviceWorkers: 'allow' } as const

describe('board: offline and back', () => {
  // A page that came from the service worker's cache has no known address space, and Chromium's
  // local network access checks then refuse its WebSocket to a loopback server (the test server).
  // A server on a public address is not affected.
  const h = useHarness({ extraArgs: ['--disable-features=LocalNetworkAccessChecks'] })
  let swServed = false
  beforeAll(async () => {
    swServed = (await fetch(`${h.server.url}/sw.js`)).ok
  })

  async function setup() {
    const { id } = await h.server.createBoard('Offline', 'What happens offline?')
    const [b, c] = await Promise.all([h.server.invite(id, 'brand', 'Bea Brand'), h.server.invite(id, 'customer', 'Carl Customer')])
    const [brandCtx, customerCtx] = await Promise.all([h.newContext(WITH_WORKER), h.newContext(WITH_WORKER)])
    const brand = await openBoard(brandCtx, b.url)
    const customer = await openBoard(customerCtx, c.url)
    return { brand, customer, customerCtx, customerUrl: c.url }
  }

  it('keeps editing offline, and both converge when it comes back', async () => {
    const { brand, customer, customerCtx } = await setup()
    await addConceptAt(brand, 300, 250, 'Shared')
    await expect.poll(() => concept(customer, 'Shared').count()).toBe(1)

    await customerCtx.setOffline(true)
    await expect.poll(() => statusText(customer)).toBe('Offline: changes kept on this device')

    await addConceptAt(brand, 300, 450, 'From brand')
    await addConceptAt(customer, 700, 450, 'From customer')
    await concept(customer, 'Shared').dblclick()
    await customer.locator('cg-label-editor textarea').fill('Shared, renamed offline')
    await customer.keyboard.press('Enter')
    // Really apart: neither sees the other's edits.
    await customer.waitForTimeout(500)
    expect(await conceptLabels(brand)).toEqual(['From brand', 'Shared'])
    expect(await conceptLabels(customer)).toEqual(['From customer', 'Shared, renamed offline'])

    await customerCtx.setOffline(false)
    const all = ['From brand', 'From customer', 'Shared, renamed offline']
    await expect.poll(() => conceptLabels(customer), { timeout: 8000 }).toEqual(all)
    await expect.poll(() => conceptLabels(brand), { timeout: 2000 }).toEqual(all)
    await expect.poll(() => statusText(customer), { timeout: 5000 }).toBe('All changes saved')
  })

  it('shows the others in presence again as soon as it is back online, not at their next change', async () => {
    const { id } = await h.server.createBoard('Presence offline', 'Who is here?')
    const [b, c, s] = await Promise.all([
      h.server.invite(id, 'brand', 'Bea Brand'),
      h.server.invite(id, 'customer', 'Carl Customer'),
      h.server.invite(id, 'customer', 'Sam Script')
    ])
    // Someone on a stock client (a script) sits still: a board page sends its state again whenever its
    // layout moves (the view it shows), which can hide the gap; a stock client renews only every 15 s.
    const sam = stockClient(h.server.wsUrl, id, s.token)
    try {
      await synced(sam)
      sam.provider.awareness.setLocalStateField('cursor', null)
      // No service worker: this is about the connection, not the page kept for offline reloads.
      await openBoard(await h.newContext(), b.url)
      const carl = await openBoard(await h.newContext(), c.url)
      const people = async () => (await carl.locator('cg-presence li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).sort()
      const shown = async () => (await people()).map((t) => ['Bea Brand', 'Carl Customer (you)', 'Sam Script'].find((n) => t.includes(n)) ?? t)
      const everyone = ['Bea Brand', 'Carl Customer (you)', 'Sam Script']
      await expect.poll(shown, { timeout: 5000 }).toEqual(everyone)

      await carl.context().setOffline(true)
      await expect.poll(() => statusText(carl)).toMatch(/^Offline/)
      // Its provider drops the others' states on the disconnect (and keeps their clocks).
      await expect.poll(shown).toEqual(['Carl Customer (you)'])
      await carl.context().setOffline(false)
      await expect.poll(shown, { timeout: 3000 }).toEqual(everyone)
      await waitLive(carl)
    } finally {
      sam.destroy()
    }
  })

  it('keeps offline edits on the device: a new page after going back online has them and shares them', async () => {
    const { brand, customer, customerCtx, customerUrl } = await setup()
    await customerCtx.setOffline(true)
    await expect.poll(() => statusText(customer)).toMatch(/^Offline/)
    await addConceptAt(customer, 500, 300, 'Kept on this device')
    // Let IndexedDB commit, then leave without ever having sent it.
    await customer.waitForTimeout(300)
    await customer.close()
    expect(await conceptLabels(brand)).toEqual([])

    await customerCtx.setOffline(false)
    const again = await customerCtx.newPage()
    await again.goto(customerUrl)
    await expect.poll(() => conceptLabels(again)).toEqual(['Kept on this device'])
    await waitLive(again)
    await expect.poll(() => conceptLabels(brand), { timeout: 3000 }).toEqual(['Kept on this device'])
  })

  it('reloads while offline with the edits made offline (service worker shell + IndexedDB)', async () => {
    const { id } = await h.server.createBoard('Reload offline', 'What survives?')
    const [b, c] = await Promise.all([h.server.invite(id, 'brand', 'Bea Brand'), h.server.invite(id, 'customer', 'Carl Customer')])
    const [brandCtx, customerCtx] = await Promise.all([h.newContext(WITH_WORKER), h.newContext(WITH_WORKER)])
    if (!swServed) {
      // Until the server serves /sw.js itself, hand the built worker to the page directly.
      const body = readFileSync('dist/client/sw.js', 'utf8')
      await customerCtx.route('**/sw.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body }))
    }
    const brand = await openBoard(brandCtx, b.url)
    const customer = await openBoard(customerCtx, c.url)
    await customer.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready
      // The first load asks the worker to keep the shell; give it a moment to fetch it.
      for (let i = 0; i < 50 && !(await caches.has('common-ground-shell-v1')); i++) await new Promise((r) => setTimeout(r, 100))
      return reg.active?.state
    })
    await customer.waitForTimeout(500)
    // The worker keeps the parts not loaded yet as well (the build's board-offline.json).
    const kept = () => customer.evaluate(async () => (await (await caches.open('common-ground-shell-v1')).keys()).map((r) => new URL(r.url).pathname))
    await expect.poll(async () => (await kept()).some((p) => /\/chunks\/cg-find-bar-/.test(p)), { timeout: 10_000 }).toBe(true)
    // Not the facilitator's: this is a customer.
    expect((await kept()).filter((p) => /\/cg-(facilitator-bar|live-panel)-/.test(p))).toEqual([])
    // What the others made reaches the local copy too (written in batches: local-write-batch.ts).
    await addConceptAt(brand, 300, 500, 'From the other side')
    await expect.poll(() => conceptLabels(customer), { timeout: 5000 }).toEqual(['From the other side'])
    await customerCtx.setOffline(true)
    await expect.poll(() => statusText(customer)).toMatch(/^Offline/)
    await addConceptAt(customer, 500, 300, 'Survives a reload')
    await customer.waitForTimeout(300)
    await customer.reload()
    await expect.poll(() => conceptLabels(customer), { timeout: 5000 }).toEqual(['From the other side', 'Survives a reload'])
    expect(await statusText(customer)).toMatch(/^Offline/)
    // Parts of the board first opened offline load from the worker too: Find, and auto-layout (dagre).
    await customer.getByRole('button', { name: 'Find on the map' }).click()
    await customer.getByRole('searchbox', { name: 'Find on the map' }).fill('reload')
    await expect.poll(() => customer.locator('cg-find-bar .count').innerText().catch(() => '')).toMatch(/^1 of 1/)
    const where = () => customer.evaluate(() => [...document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.boxes.values()].map((b) => `${b.x},${b.y}`).join(' '))
    const before = await where()
    await customer.getByRole('button', { name: /^Auto-layout/ }).click()
    await expect.poll(where, { timeout: 5000 }).not.toBe(before)

    await customerCtx.setOffline(false)
    await expect.poll(() => conceptLabels(brand), { timeout: 8000 }).toEqual(['From the other side', 'Survives a reload'])
    await expect.poll(() => statusText(customer), { timeout: 5000 }).toBe('All changes saved')
  })

  it('takes a kept chunk from the worker without asking the network, and drops chunks of earlier builds', async () => {
    const { id } = await h.server.createBoard('Kept chunks', 'What loads from the device?')
    const ctx = await h.newContext(WITH_WORKER)
    const page = await openBoard(ctx, (await h.server.invite(id, 'customer', 'Carl Customer')).url)
    const kept = () => page.evaluate(async () => (await (await caches.open('common-ground-shell-v1')).keys()).map((r) => new URL(r.url).pathname))
    await expect.poll(async () => (await kept()).some((p) => /\/chunks\/cg-find-bar-/.test(p)), { timeout: 10_000 }).toBe(true)
    // The kept Find chunk marked, so that running it tells where it came from; and a chunk no build has now.
    await page.evaluate(async () => {
      const cache = await caches.open('common-ground-shell-v1')
      const key = (await cache.keys()).find((r) => /\/chunks\/cg-find-bar-/.test(r.url))!
      const body = (await (await cache.match(key))!.text()) + '\n;globalThis.findFromDevice = true\n'
      await cache.put(key, new Response(body, { headers: { 'content-type': 'text/javascript' } }))
      await cache.put('/assets/chunks/cg-old-part-AAAAAAAA.js', new Response('export {}', { headers: { 'content-type': 'text/javascript' } }))
    })
    await page.reload()
    await waitLive(page)
    await page.getByRole('button', { name: 'Find on the map' }).click()
    await page.getByRole('searchbox', { name: 'Find on the map' }).waitFor()
    expect(await page.evaluate(() => (globalThis as { findFromDevice?: boolean }).findFromDevice)).toBe(true)
    await expect.poll(kept, { timeout: 10_000 }).not.toContain('/assets/chunks/cg-old-part-AAAAAAAA.js')
    expect((await kept()).some((p) => /\/chunks\/cg-find-bar-/.test(p))).toBe(true)
  })
})

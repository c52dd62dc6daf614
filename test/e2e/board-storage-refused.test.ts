import type { BrowserContextOptions, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { RESULTS_DIR } from '../support/browser'
import { addByTouch, addConceptAt, conceptLabels, openBoard, useHarness, statusText, waitLive } from './harness'

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } }
const NOTICE = /^Offline copy off: this browser does not let the board keep edits on this device/

/**
 * How browsers refuse IndexedDB, put in place before the page's scripts run: Chromium with all site
 * data blocked and sandboxed or opaque-origin frames throw SecurityError from open(); Firefox's
 * private windows (before 115) and some enterprise policies answer with an error event instead; some
 * older Safaris never answered at all. The last is rarer: the probe's throwaway database opens, the
 * board's own then fails (storage full).
 */
const REFUSALS = {
  throws: 'throws',
  'fires onerror': 'error',
  'never answers': 'hangs',
  'opens the probe’s database but fires onerror for the board’s': 'error-after-probe'
} as const

type Mode = (typeof REFUSALS)[keyof typeof REFUSALS] | 'late-probe'

/** Runs in the page (serialized: nothing from outside but its argument). 'late-probe' answers the probe after 3 s, and yes. */
function refuseIndexedDb(mode: Mode) {
  const open = IDBFactory.prototype.open
  IDBFactory.prototype.open = function (name: string, version?: number) {
    if (mode === 'late-probe') {
      if (!name.endsWith(':probe')) return open.call(this, name, version)
      const late = { result: undefined as IDBDatabase | undefined, onsuccess: null as ((event: Event) => void) | null, onerror: null, onblocked: null }
      setTimeout(() => {
        const real = open.call(this, name, version)
        real.onsuccess = (event) => {
          late.result = real.result
          late.onsuccess?.(event)
        }
      }, 3000)
      return late as unknown as IDBOpenDBRequest
    }
    if (mode === 'error-after-probe' && name.endsWith(':probe')) return open.call(this, name, version)
    if (mode === 'throws') throw new DOMException('The operation is insecure.', 'SecurityError')
    const request = {
      readyState: 'pending',
      result: undefined,
      error: new DOMException('The user denied permission to access the database.', 'UnknownError'),
      onsuccess: null,
      onupgradeneeded: null,
      onblocked: null,
      onerror: null as ((event: Event) => void) | null,
      addEventListener() {},
      removeEventListener() {}
    }
    if (mode === 'hangs') return request as unknown as IDBOpenDBRequest
    setTimeout(() => {
      request.readyState = 'done'
      const event = new Event('error', { cancelable: true })
      Object.defineProperty(event, 'target', { value: request })
      request.onerror?.(event)
    }, 5)
    return request as unknown as IDBOpenDBRequest
  }
}

describe('board: a browser that refuses IndexedDB (blocked storage, private mode, policy)', () => {
  const h = useHarness()

  /** Opens the board as Carl in a context whose IndexedDB is refused, recording the page's errors from the start. */
  async function openRefused(url: string, mode: Mode, options: BrowserContextOptions) {
    const ctx = await h.newContext(options)
    await ctx.addInitScript(refuseIndexedDb, mode)
    const page = await ctx.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(url)
    await waitLive(page)
    return { page, errors }
  }

  async function setup(mode: Mode, options: BrowserContextOptions) {
    const { id } = await h.server.createBoard('Storage refused', 'What does the partner’s frame keep?')
    const [b, c] = await Promise.all([h.server.invite(id, 'brand', 'Bea Brand'), h.server.invite(id, 'customer', 'Carl Customer')])
    const brand = await openBoard(await h.newContext(), b.url)
    return { id, brand, ...(await openRefused(c.url, mode, options)) }
  }

  /** The notice is in the flow between the header and the map: on no control of the header, toolbar or footer. */
  async function expectNoticeClear(page: Page) {
    const notice = page.getByText(NOTICE)
    // Up to the probe's 2 s where the browser never answers.
    await expect.poll(() => notice.isVisible(), { timeout: 5000 }).toBe(true)
    const box = (await notice.boundingBox())!
    const controls = page.locator('cg-status, cg-presence, cg-toolbar, cg-export-menu, header button')
    for (const other of await controls.all()) {
      const o = await other.boundingBox()
      if (!o) continue
      const apart = box.x + box.width <= o.x || o.x + o.width <= box.x || box.y + box.height <= o.y || o.y + o.height <= box.y
      expect(apart, `notice ${JSON.stringify(box)} over ${await other.evaluate((el) => el.tagName)} ${JSON.stringify(o)}`).toBe(true)
    }
  }

  for (const refusal of Object.keys(REFUSALS) as (keyof typeof REFUSALS)[]) {
    it(`runs live without an offline copy when indexedDB.open ${refusal}, and says so once, quietly`, async () => {
      const { brand, page, errors } = await setup(REFUSALS[refusal], DESKTOP)
      await expectNoticeClear(page)
      // Said in a status region, never an alert or a dialog.
      expect(await page.getByRole('alert').count()).toBe(0)
      expect(await page.getByRole('dialog').count()).toBe(0)
      // The page with working storage keeps its offline copy and says nothing about it.
      expect(await brand.getByText(NOTICE).count()).toBe(0)

      await addConceptAt(page, 400, 300, 'From the frame')
      await expect.poll(() => conceptLabels(brand)).toEqual(['From the frame'])
      await addConceptAt(brand, 700, 400, 'From the brand')
      await expect.poll(() => conceptLabels(page)).toEqual(['From the brand', 'From the frame'])
      await expect.poll(() => statusText(page)).toBe('All changes saved')

      // Offline, the status does not promise what this browser will not keep.
      await page.context().setOffline(true)
      await expect.poll(() => statusText(page)).toBe('Offline: changes kept while this page is open')
      await page.context().setOffline(false)
      await waitLive(page)
      await page.screenshot({ path: `${RESULTS_DIR}/storage-refused-${REFUSALS[refusal]}-1280.png` })
      expect(await page.getByText(NOTICE).count()).toBe(1)
      expect(errors).toEqual([])
    })
  }

  it('says so on a phone without covering its controls, and edits by touch still reach the others', async () => {
    const { brand, page, errors } = await setup('throws', PHONE)
    await expectNoticeClear(page)
    await addByTouch(page, 'From a phone')
    await expect.poll(() => conceptLabels(brand)).toEqual(['From a phone'])
    await page.screenshot({ path: `${RESULTS_DIR}/storage-refused-390.png` })
    // The longer offline words still fit the phone's header.
    await page.context().setOffline(true)
    await expect.poll(() => statusText(page)).toBe('Offline: changes kept while this page is open')
    const status = (await page.locator('cg-status').boundingBox())!
    expect(status.x + status.width).toBeLessThanOrEqual(390)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.screenshot({ path: `${RESULTS_DIR}/storage-refused-offline-390.png` })
    expect(errors).toEqual([])
  })

  it('opens the offline copy after all when the browser answers the probe late, and takes the notice back', async () => {
    const { id, brand, page, errors } = await setup('late-probe', DESKTOP)
    await expectNoticeClear(page)
    await expect.poll(() => page.getByText(NOTICE).count(), { timeout: 5000 }).toBe(0)
    const databases = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))
    await expect.poll(databases).toContain(`common-ground:${id}`)
    await addConceptAt(page, 400, 300, 'Kept after all')
    await expect.poll(() => conceptLabels(brand)).toEqual(['Kept after all'])
    await page.context().setOffline(true)
    await expect.poll(() => statusText(page)).toBe('Offline: changes kept on this device')
    expect(errors).toEqual([])
  })
})

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { AxeBuilder } from '@axe-core/playwright'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest'
import { allPages, launchBrowser, screenshotAll } from '../support/browser'
import type { BoardMap } from '../../shared/schema/board-map'
import { startTestServer, type TestServer } from '../support/server'

/** The real server and a headless chromium, shared by the tests of one file (each test opens its own contexts). */
export interface Harness {
  server: TestServer
  browser: Browser
  contexts: Set<BrowserContext>
  /** A fresh context (1100 × 720 unless `options` say), closed after each test; service workers blocked unless `options` allow them. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>
  close(): Promise<void>
}

/** What a file may ask of its harness: extra Chromium flags (a browser of its own, launched with them). */
export interface HarnessOptions {
  extraArgs?: string[]
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const [server, browser] = await Promise.all([startTestServer(), workerBrowser(options)])
  const contexts = new Set<BrowserContext>()
  return {
    server,
    browser,
    contexts,
    async newContext(options = {}) {
      // The board page's service worker fetches and keeps every script of the build once the page is
      // idle: in a fresh context that is most of a page load again (~0.3 s of CPU each, hundreds of
      // contexts per run). Only the offline tests need it, and they allow it.
      const ctx = await browser.newContext({ viewport: { width: 1100, height: 720 }, serviceWorkers: 'block', ...options })
      contexts.add(ctx)
      ctx.on('close', () => contexts.delete(ctx))
      return ctx
    },
    async close() {
      // A connected browser only disconnects (closing this file's contexts); one of its own exits.
      await browser.close().catch(() => {})
      await server.close(true)
    }
  }
}

/**
 * This worker's Chromium, launched once for the run by the project's global setup (browser-servers.ts),
 * connected to; a file that needs its own command-line flags launches a browser of its own.
 */
async function workerBrowser(options: HarnessOptions): Promise<Browser> {
  const endpoints = inject('chromiumEndpoints')
  if (options.extraArgs?.length || !endpoints?.length) return launchBrowser(options)
  const worker = Math.max(1, Number(process.env.VITEST_POOL_ID) || 1)
  // A worker's browser that went away (crashed) costs the files after it a launch, not their run.
  return chromium.connect(endpoints[(worker - 1) % endpoints.length]!, { timeout: 10_000 }).catch(() => launchBrowser(options))
}

/**
 * The harness of the describe block (or the file) this is called in: started before its tests, closed
 * after them, screenshots and contexts handled after each test (screenshotsOnFailure). The object it
 * returns is empty until the block's first beforeAll has run, then holds the started harness's members,
 * so tests use it as a Harness. A beforeAll or afterAll the block registers after this call runs after
 * the harness has started, and before it closes.
 */
export function useHarness(options: HarnessOptions = {}): Harness {
  const h = {} as Harness
  let started: Harness | undefined
  beforeAll(async () => {
    started = await startHarness(options)
    Object.assign(h, started)
  })
  afterAll(async () => {
    await started?.close()
  })
  screenshotsOnFailure(() => started)
  return h
}

/** Imports a CXL file (text or bytes) as a new board; its id. */
export async function importCxl(h: Harness, xml: string | Buffer<ArrayBuffer>): Promise<string> {
  const res = await h.server.api('/api/boards/import?format=cxl', { method: 'POST', body: xml, headers: { 'content-type': 'application/xml' } })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}

/** The board's map as the server has it now. */
export async function boardMap(h: Harness, id: string): Promise<BoardMap> {
  return (await (await h.server.api(`/api/boards/${id}/map`)).json()) as BoardMap
}

/** Imports a CXL file as a new board and opens it as Bea Brand in a context of its own (a size, touch). */
export async function openImportedCxl(h: Harness, xml: string, options: BrowserContextOptions): Promise<Page> {
  const id = await importCxl(h, xml)
  const ctx = await h.newContext(options)
  return openBoard(ctx, (await h.server.invite(id, 'brand', 'Bea Brand')).url)
}

/**
 * Screenshots of every open page into test-results/ when a test fails (timeouts included); then
 * each test's browser contexts are closed, so the next test starts from fresh ones.
 */
export function screenshotsOnFailure(get: () => Harness | undefined): void {
  afterEach(async ({ task }) => {
    const h = get()
    if (!h) return
    const failed = task.result?.state === 'fail' || (task.result?.errors?.length ?? 0) > 0
    if (failed) await screenshotAll(task.name, allPages(h.contexts))
    await Promise.all([...h.contexts].map((c) => c.close().catch(() => {})))
  })
}

/** Opens an invite link and waits until the board is live (connected and synced). */
export async function openBoard(ctx: BrowserContext, url: string): Promise<Page> {
  const page = await ctx.newPage()
  await page.goto(url)
  await waitLive(page)
  return page
}

export async function waitLive(page: Page, timeout = 5000): Promise<void> {
  await expect.poll(() => statusText(page), { timeout }).toMatch(/All changes saved|Connected/)
}

export function statusText(page: Page): Promise<string> {
  return page.locator('cg-status .text').innerText({ timeout: 1000 }).catch(() => '')
}

/** A concept on the map, by its exact label. */
export function concept(page: Page, label: string) {
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
  return page.locator('cg-concept .box').filter({ has: page.locator('.label', { hasText: exact }) })
}

/** A link, by the proposition it makes ("Price affects Loyalty"). */
export function proposition(page: Page, sentence: string) {
  return page.getByRole('option', { name: sentence, exact: true })
}

/** Adds a concept the way a phone user does: the toolbar's Add button, then the on-screen keyboard. */
export async function addByTouch(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: 'Add concept' }).tap()
  await page.locator('cg-label-editor textarea').waitFor({ timeout: 5000 })
  await page.keyboard.type(label)
  await page.keyboard.press('Enter')
  await concept(page, label).waitFor({ timeout: 5000 })
}

/**
 * Two taps at (x, y), stamped 120 ms apart. Chromium tells a double tap from two taps by the touch
 * events' own times (300 ms at most between them); `touchscreen.tap` stamps each when it reaches the
 * browser, which on a loaded machine can be further apart than that, so the page saw two single taps.
 */
export async function doubleTap(page: Page, x: number, y: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  const t0 = Date.now() / 1000
  const point = [{ x, y }]
  for (const [type, at] of [['touchStart', 0], ['touchEnd', 0.04], ['touchStart', 0.12], ['touchEnd', 0.16]] as const) {
    await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : point, timestamp: t0 + at })
  }
  await cdp.detach()
}

/** Creates a concept by double-clicking the map at (x, y) in page coordinates. */
export async function addConceptAt(page: Page, x: number, y: number, label: string): Promise<void> {
  await page.mouse.dblclick(x, y)
  await page.locator('cg-label-editor textarea').waitFor({ timeout: 5000 })
  await page.keyboard.type(label)
  await page.keyboard.press('Enter')
  await concept(page, label).waitFor({ timeout: 5000 })
}

/** Drags from one concept's link handle to another and types the linking phrase. */
export async function linkByDrag(page: Page, from: string, to: string, phrase: string): Promise<void> {
  const source = concept(page, from)
  // Selected, its handle shows without relying on hover.
  await source.click()
  await source.locator('.handle').waitFor({ timeout: 5000 })
  const handle = await source.locator('.handle').boundingBox()
  const target = await concept(page, to).boundingBox()
  if (!handle || !target) throw new Error('concepts not on screen')
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2)
  await page.mouse.down()
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 6 })
  await page.mouse.up()
  await page.locator('cg-label-editor[kind="link"] textarea').waitFor({ timeout: 5000 })
  await page.keyboard.type(phrase)
  await page.keyboard.press('Enter')
}

/** Labels of all concepts on a page, sorted: what two pages compare to see they converged. */
export async function conceptLabels(page: Page): Promise<string[]> {
  const labels = await page.locator('cg-concept .label').allTextContents()
  return labels.sort()
}

/**
 * axe as the project pins it (devDependencies' axe-core), not the older copy @axe-core/playwright
 * carries: 4.14 checks that a control's visible text is part of its name (label-content-name-mismatch).
 */
export const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** An axe run over the page with the project's axe. */
export const axe = (page: Page) => new AxeBuilder({ page, axeSource: AXE_SOURCE })

/** Serious and critical axe-core violations, with where they are, for a readable failure. */
export async function seriousViolations(page: Page) {
  return (await everyViolation(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** Every axe-core violation, minor and moderate too (the pages that have none keep it so). */
export async function everyViolation(page: Page) {
  const results = await axe(page).analyze()
  return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }))
}

/** The element with focus, looking through shadow roots. */
export function focusedTag(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    return el ? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}` : ''
  })
}

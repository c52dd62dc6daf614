import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { RESULTS_DIR } from '../support/browser'
import { concept, openBoard, useHarness, waitLive, importCxl } from './harness'
import { largeSecurityCmap } from '../support/large-cmap'
import { REAL_CXL as REAL } from '../support/shared-fixtures'
import { overlap } from '../support/rects'

const STYLED = fileURLToPath(new URL('../fixtures/cxl/styled.cxl', import.meta.url))

interface Rect { x: number; y: number; width: number; height: number; text: string }

/** Every concept box and every visible phrase, in page pixels. */
async function drawn(page: Page): Promise<{ concepts: Rect[]; phrases: Rect[] }> {
  return page.evaluate(() => {
    const root = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!
    const rect = (el: Element) => {
      const r = el.getBoundingClientRect()
      // Own text only: others' name tags sit inside a marked item.
      const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('') || (el.textContent ?? '')
      return { x: r.x, y: r.y, width: r.width, height: r.height, text }
    }
    const concepts = [...root.querySelectorAll('cg-concept .box')].map(rect)
    const phrases = [...root.querySelectorAll('cg-link .link-label')].filter((el) => getComputedStyle(el).opacity !== '0').map(rect)
    return { concepts, phrases }
  })
}

describe('board: imported CmapTools maps read well', () => {
  const h = useHarness()

  async function imported(file: string | { xml: string }, size = { width: 1280, height: 800 }, touch = false) {
    const body = typeof file === 'string' ? readFileSync(file) : file.xml
    const id = await importCxl(h, body)
    const invite = await h.server.invite(id, 'brand', 'Bea Brand')
    const ctx = await h.newContext({ viewport: size, hasTouch: touch, isMobile: touch })
    const page = await openBoard(ctx, invite.url)
    await expect.poll(async () => (await drawn(page)).concepts.length).toBeGreaterThan(0)
    return { id, page, invite }
  }

  it('draws each fan-out phrase once, clear of every concept and of the other phrases', async () => {
    const { page } = await imported(REAL)
    await page.waitForTimeout(300)
    const { concepts, phrases } = await drawn(page)
    expect(concepts).toHaveLength(10)
    // 6 linking phrases in the file, 11 links on the board: the hubs show one phrase each.
    expect(phrases.map((p) => p.text).sort()).toEqual(['based on', 'for the creation of', 'for working on', 'involves', 'that provide', 'that support with'])
    for (const p of phrases) {
      for (const c of concepts) expect(overlap(p, c), `"${p.text}" under "${c.text}"`).toBe(false)
      for (const q of phrases) if (q !== p) expect(overlap(p, q), `"${p.text}" runs into "${q.text}"`).toBe(false)
    }
    await page.screenshot({ path: `${RESULTS_DIR}/readable-real-1280.png` })
  })

  it('auto-layout keeps the root on top and gives every phrase room of its own', async () => {
    const { page } = await imported(REAL)
    await page.getByRole('button', { name: /^Auto-layout/ }).click()
    await expect.poll(async () => {
      const { concepts } = await drawn(page)
      const top = Math.min(...concepts.map((c) => c.y))
      return concepts.find((c) => c.y === top)?.text
    }, { timeout: 5000 }).toBe('Entrepreneurial Mindset')
    await page.waitForTimeout(400)
    const { concepts, phrases } = await drawn(page)
    expect(phrases).toHaveLength(6)
    for (const p of phrases) {
      for (const c of concepts) expect(overlap(p, c), `"${p.text}" under "${c.text}"`).toBe(false)
      for (const q of phrases) if (q !== p) expect(overlap(p, q), `"${p.text}" runs into "${q.text}"`).toBe(false)
    }
    await page.screenshot({ path: `${RESULTS_DIR}/readable-real-layout-1280.png` })
  })

  it('a 145-concept CmapTools map, as imported and after auto-layout, has every phrase clear of the concepts and of each other', async () => {
    const { page } = await imported(largeSecurityCmap())
    const clashes = async () => {
      const { concepts, phrases } = await drawn(page)
      expect(concepts).toHaveLength(145)
      expect(phrases).toHaveLength(133)
      const out: string[] = []
      phrases.forEach((p, i) => {
        for (const c of concepts) if (overlap(p, c)) out.push(`"${p.text}" under "${c.text}"`)
        for (const q of phrases.slice(i + 1)) if (overlap(p, q)) out.push(`"${p.text}" runs into "${q.text}"`)
      })
      return out
    }
    await page.waitForTimeout(300)
    expect(await clashes()).toEqual([])
    const cryptography = () => concept(page, 'Cryptography').boundingBox()
    const before = (await cryptography())!
    await page.getByRole('button', { name: /^Auto-layout/ }).click()
    await expect.poll(async () => (await cryptography())?.x, { timeout: 5000 }).not.toBe(before.x)
    await page.waitForTimeout(500)
    expect(await clashes()).toEqual([])
    await page.screenshot({ path: `${RESULTS_DIR}/readable-large-layout-1280.png` })
  })

  it('renames a hub’s phrase for all its links at once, and the other participant sees one phrase', async () => {
    const { id, page } = await imported(REAL)
    const other = await openBoard(await h.newContext(), (await h.server.invite(id, 'customer', 'Carl')).url)
    // The hub's phrase, drawn once, edits the phrase of all three links.
    await page.locator('cg-link:not(.hub-member) .link-label', { hasText: 'involves' }).dblclick()
    const editor = page.locator('cg-label-editor textarea')
    await editor.fill('includes')
    await page.keyboard.press('Enter')
    const sentences = () => other.evaluate(() => {
      const root = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!
      return [...root.querySelectorAll('cg-link [role=option]')].map((el) => el.getAttribute('aria-label')).filter((s) => s?.startsWith('Entrepreneurial')).sort()
    })
    await expect.poll(sentences).toEqual(['alfa', 'beta', 'charlie'].map((t) => `Entrepreneurial Mindset includes ${t}`))
    await expect.poll(async () => (await drawn(other)).phrases.filter((p) => p.text === 'includes').length).toBe(1)
  })

  it('honours the file’s styles with readable text, and text fits every box', async () => {
    const { page } = await imported(STYLED)
    const styles = await page.evaluate(() => {
      const root = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!
      return [...root.querySelectorAll('cg-concept .box')].map((el) => {
        const s = getComputedStyle(el)
        const label = el.querySelector('.label')!
        return {
          text: label.textContent, color: s.color, fill: s.getPropertyValue('--fill').trim(), shape: el.className,
          fits: el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1
        }
      })
    })
    const by = (t: string) => styles.find((s) => s.text === t)!
    expect(by('Symmetric cipher')).toMatchObject({ fill: '#000000', color: 'rgb(255, 255, 255)' })
    expect(by('Block Cipher')).toMatchObject({ fill: '#003366', color: 'rgb(255, 255, 255)', shape: 'box shape-ellipse' })
    expect(by('Stream Cipher')).toMatchObject({ fill: '#ffffcc', color: 'rgb(31, 35, 40)' })
    expect(by('RC4').shape).toBe('box shape-diamond')
    for (const s of styles) expect(s.fits, `${s.text} fits its box`).toBe(true)
    await page.screenshot({ path: `${RESULTS_DIR}/readable-styled-1280.png` })
  })

  it('puts a new concept from the Add button, a double-click beside a phrase and N in free space, on no concept and no phrase', async () => {
    const { page } = await imported(REAL)
    const clear = async (label: string) => {
      await concept(page, label).waitFor()
      await waitLive(page)
      const { concepts, phrases } = await drawn(page)
      const made = concepts.find((c) => c.text === label)!
      for (const c of concepts) if (c !== made) expect(overlap(made, c), `${label} on ${c.text}`).toBe(false)
      for (const p of phrases) expect(overlap(made, p), `${label} on "${p.text}"`).toBe(false)
    }
    const type = async (label: string) => {
      await page.locator('cg-label-editor textarea').waitFor()
      await page.keyboard.type(label)
      await page.keyboard.press('Enter')
      await clear(label)
    }

    // The Add button, nothing selected: the middle of the view, where the map is.
    await page.getByRole('button', { name: 'Add concept' }).click()
    await type('Grit')

    // A double-click on empty map just beside a phrase: a concept there would cover the phrase.
    const involves = (await drawn(page)).phrases.find((p) => p.text === 'involves')!
    await page.keyboard.press('Escape')
    await page.mouse.dblclick(involves.x + involves.width + 12, involves.y + involves.height / 2)
    await type('Drive')

    // N beside the focused concept.
    await concept(page, 'Entrepreneurial Mindset').click()
    await page.keyboard.press('Escape')
    await page.keyboard.press('n')
    await type('Focus')
    await page.screenshot({ path: `${RESULTS_DIR}/readable-new-concepts-1280.png` })
  })

  it('grows a box whose label grows, for everyone: the text fits it and no phrase ends up under it', async () => {
    const { id, page } = await imported(REAL)
    const other = await openBoard(await h.newContext(), (await h.server.invite(id, 'customer', 'Carl')).url)
    const before = (await concept(other, 'beta').boundingBox())!
    const long = 'beta, a much longer idea that needs several lines to say what it means'
    await concept(page, 'beta').dblclick()
    const editor = page.locator('cg-label-editor textarea')
    await editor.fill(long)
    await page.keyboard.press('Enter')
    await concept(other, long).waitFor()
    await other.waitForTimeout(300)
    const after = (await concept(other, long).boundingBox())!
    expect(after.width * after.height).toBeGreaterThan(before.width * before.height * 1.5)
    const fits = await concept(other, long).evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1)
    expect(fits).toBe(true)
    const { concepts, phrases } = await drawn(other)
    const grown = concepts.find((c) => c.text.includes('much longer'))!
    expect(grown, JSON.stringify(concepts.map((c) => c.text))).toBeDefined()
    for (const p of phrases) expect(overlap(grown, p), `"${p.text}" under the grown box`).toBe(false)
    await other.screenshot({ path: `${RESULTS_DIR}/readable-grown-1100.png` })
  })

  for (const [name, size, touch] of [['1280 × 800', { width: 1280, height: 800 }, false], ['390 × 844 touch', { width: 390, height: 844 }, true]] as const) {
    it(`opens a 145-concept CmapTools map readable from its top at ${name}, every label inside its box (fit: board-fit.test.ts)`, async () => {
      const { page } = await imported(largeSecurityCmap(), size, touch)
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      const zoom = () => page.evaluate(() => document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.viewport.zoom)
      // The whole map would be under a third of its size: the first view shows its top, readable.
      await expect.poll(zoom).toBeGreaterThanOrEqual(0.7)
      const root = (await concept(page, 'Cryptography').boundingBox())!
      expect(root.x).toBeGreaterThanOrEqual(0)
      expect(root.x + root.width).toBeLessThanOrEqual(size.width)
      expect(root.y).toBeGreaterThanOrEqual(50)
      expect(root.y + root.height).toBeLessThanOrEqual(size.height / 2)
      // An overview on the desktop; a phone keeps its little room for the map.
      if (!touch) await page.locator('cg-minimap canvas').waitFor()
      const misfits = await page.evaluate(() => {
        const root = document.querySelector('cg-board')!.shadowRoot!.querySelector('cg-canvas')!.shadowRoot!
        const boxes = [...root.querySelectorAll('cg-concept .box')]
        return { count: boxes.length, spill: boxes.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).map((el) => el.textContent) }
      })
      expect(misfits).toEqual({ count: 145, spill: [] })
      await page.screenshot({ path: `${RESULTS_DIR}/readable-large-${size.width}.png` })

      expect(errors).toEqual([])
    })
  }

  it('reads on a 390 × 844 touch phone', async () => {
    const { page } = await imported(REAL, { width: 390, height: 844 }, true)
    await page.waitForTimeout(300)
    await page.screenshot({ path: `${RESULTS_DIR}/readable-real-390.png` })
    const { phrases } = await drawn(page)
    expect(phrases).toHaveLength(6)
  })
})

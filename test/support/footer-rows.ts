import type { Page } from 'playwright-core'

/**
 * The board's footer as a facilitator sees it: how many rows its controls take (each row costs the
 * map height) and the names of the facilitator's controls shown on it (none may be lost to a narrow bar).
 */
export function footerRows(page: Page): Promise<{ rows: number; shown: string[] }> {
  return page.evaluate(() => {
    const board = document.querySelector('cg-board')!.shadowRoot!
    const bar = board.querySelector('cg-facilitator-bar')?.shadowRoot
    const own = bar ? [...bar.children].flatMap((c) => (c instanceof HTMLButtonElement ? [c] : c instanceof HTMLDetailsElement ? [c.querySelector('summary')!] : [])) : []
    const exportMenu = board.querySelector('cg-export-menu')?.shadowRoot?.querySelector<HTMLElement>('summary')
    const shown = own.filter((c) => c.checkVisibility())
    const middles = [...shown, ...(exportMenu ? [exportMenu] : [])].map((c) => {
      const r = c.getBoundingClientRect()
      return r.top + r.height / 2
    }).sort((a, b) => a - b)
    // Controls of one row share their middle (give or take a pixel or two of rounding).
    const rows = middles.filter((m, i) => i === 0 || m - middles[i - 1]! > 4).length
    return { rows, shown: shown.map((c) => c.innerText.replace(/\s+/g, ' ').trim()) }
  })
}

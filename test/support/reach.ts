import type { Page } from 'playwright-core'

/**
 * The controls (buttons, fields, canvases) of one of the board's parts that a click at their centre
 * would not reach, by name: under a side panel or another overlay, or off screen. `path` leads from
 * cg-board's shadow root through the shadow roots on the way ('cg-canvas', 'cg-style-panel'). A part
 * not on the page has no controls: check it is there first.
 */
export function unreachable(page: Page, path: readonly string[]): Promise<string[]> {
  return page.evaluate((path) => {
    let root: ParentNode | null | undefined = document.querySelector('cg-board')?.shadowRoot
    let part: Element | null = null
    for (const selector of path) {
      part = root?.querySelector(selector) ?? null
      root = part?.shadowRoot ?? part
    }
    if (!part || !root) return []
    const controls = [...root.querySelectorAll<HTMLElement>('button, input, canvas')].filter((c) => c.checkVisibility())
    return controls.flatMap((c) => {
      const r = c.getBoundingClientRect()
      const [x, y] = [r.left + r.width / 2, r.top + r.height / 2]
      let hit = document.elementFromPoint(x, y)
      while (hit?.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(x, y)
        if (!inner || inner === hit) break
        hit = inner
      }
      const whole = r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight
      return whole && hit && c.contains(hit) ? [] : [c.getAttribute('aria-label') || c.title || c.tagName.toLowerCase()]
    })
  }, path)
}

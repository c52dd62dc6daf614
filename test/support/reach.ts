import type { Page } from 'playwright-core'

/**
 * What a click reaches, asked in the page: `path` leads from cg-board's shadow root through the
 * shadow roots on the way ('cg-canvas', 'cg-style-panel') to one of the board's parts. With `at`,
 * whether a click at that point lands in the part (['yes'] or []); without, the part's controls
 * (buttons, fields, canvases) a click at their centre would not reach, by name.
 */
function askPage(page: Page, path: readonly string[], at: { x: number; y: number } | null): Promise<string[]> {
  return page.evaluate(({ path, at }) => {
    let root: ParentNode | null | undefined = document.querySelector('cg-board')?.shadowRoot
    let part: Element | null = null
    for (const selector of path) {
      part = root?.querySelector(selector) ?? null
      root = part?.shadowRoot ?? part
    }
    if (!part || !root) return []
    /** The element a click at (x, y) lands on, through the shadow roots. */
    const hitAt = (x: number, y: number): Element | null => {
      let hit = document.elementFromPoint(x, y)
      while (hit?.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(x, y)
        if (!inner || inner === hit) break
        hit = inner
      }
      return hit
    }
    if (at) {
      for (let n: Node | null = hitAt(at.x, at.y); n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) if (n === part) return ['yes']
      return []
    }
    const controls = [...root.querySelectorAll<HTMLElement>('button, input, canvas')].filter((c) => c.checkVisibility())
    return controls.flatMap((c) => {
      const r = c.getBoundingClientRect()
      const hit = hitAt(r.left + r.width / 2, r.top + r.height / 2)
      const whole = r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight
      return whole && hit && c.contains(hit) ? [] : [c.getAttribute('aria-label') || c.title || c.tagName.toLowerCase()]
    })
  }, { path, at })
}

/**
 * The controls of one of the board's parts that a click at their centre would not reach, by name:
 * under a side panel or another overlay, or off screen. A part not on the page has no controls:
 * check it is there first.
 */
export function unreachable(page: Page, path: readonly string[]): Promise<string[]> {
  return askPage(page, path, null)
}

/** Whether a click at `at` (page coordinates) lands in the part at `path` (nothing above it there). */
export async function reaches(page: Page, path: readonly string[], at: { x: number; y: number }): Promise<boolean> {
  return (await askPage(page, path, at)).length > 0
}

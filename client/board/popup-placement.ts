/**
 * Where a menu opens: next to its button and always inside the viewport, whatever the size of the
 * screen and wherever the button sits (the board's menus live in its footer, at the bottom edge).
 */

export interface Rect {
  left: number
  top: number
  right: number
  bottom: number
}

export interface Placement {
  left: number
  top: number
  /** The popup scrolls beyond this height. */
  maxHeight: number
}

const GAP = 4
const MARGIN = 8

/**
 * Below the button when it fits there, else above it, else on the roomier side with a scroll;
 * start-aligned with the button, moved left as far as needed to stay on screen. Pure.
 */
export function placePopup(anchor: Rect, size: { w: number; h: number }, view: { w: number; h: number }): Placement {
  const below = view.h - anchor.bottom - GAP - MARGIN
  const above = anchor.top - GAP - MARGIN
  const downward = size.h <= below || below >= above
  const maxHeight = Math.max(0, downward ? below : above)
  const h = Math.min(size.h, maxHeight)
  const top = downward ? anchor.bottom + GAP : anchor.top - GAP - h
  const left = Math.max(MARGIN, Math.min(anchor.left, view.w - MARGIN - size.w))
  return { left, top, maxHeight }
}

/**
 * Keeps `popup` (shown with `position: fixed`) placed by `anchor` while it is open: now, and when the
 * window is resized, anything scrolls or the popup itself grows (a message added to a menu opened
 * above its button ran off the bottom of the screen). Returns the function that stops following.
 */
export function keepInViewport(anchor: HTMLElement, popup: HTMLElement): () => void {
  const place = () => {
    // Measured as it will be shown (fixed, at the corner, unbounded): measured in its place first, a
    // menu laid out narrower there wrapped to fewer lines than it shows, and ran off the bottom of a
    // phone on its side.
    popup.style.position = 'fixed'
    popup.style.left = '0px'
    popup.style.top = '0px'
    popup.style.margin = '0'
    popup.style.maxHeight = ''
    const p = popup.getBoundingClientRect()
    const root = document.documentElement
    const at = placePopup(anchor.getBoundingClientRect(), { w: p.width, h: p.height }, { w: root.clientWidth, h: root.clientHeight })
    popup.style.left = `${at.left}px`
    popup.style.top = `${at.top}px`
    popup.style.maxHeight = `${at.maxHeight}px`
    popup.style.overflowY = 'auto'
  }
  place()
  window.addEventListener('resize', place)
  window.addEventListener('scroll', place, true)
  // Placing again gives the same size, so this settles after one round.
  let size = `${popup.offsetWidth}x${popup.offsetHeight}`
  const grown = new ResizeObserver(() => {
    const now = `${popup.offsetWidth}x${popup.offsetHeight}`
    if (now !== size) place()
    size = `${popup.offsetWidth}x${popup.offsetHeight}`
  })
  grown.observe(popup)
  return () => {
    window.removeEventListener('resize', place)
    window.removeEventListener('scroll', place, true)
    grown.disconnect()
  }
}

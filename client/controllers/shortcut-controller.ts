import type { ReactiveController, ReactiveControllerHost } from 'lit'

/**
 * One keyboard shortcut of the board. `keys` are combinations such as `'n'`, `'?'`, `'mod+z'`,
 * `'mod+shift+z'` (`mod` is Ctrl, or ⌘ on a Mac). `run` returns false when the key did nothing here
 * (then the browser keeps it).
 */
export interface Shortcut {
  keys: readonly string[]
  run(e: KeyboardEvent): boolean | void
}

/** What a keydown is aimed at, which decides who may take it. */
type Aim = 'map' | 'control' | 'text'

/**
 * The board's keyboard shortcuts, one place where every part registers its own (`register`).
 *
 * Keys reach the board however the page is focused: from inside it (bubbling out of its shadow
 * tree), and, with `pageWide`, from the page itself when nothing is focused (after load, or after a
 * click on something that takes no focus), which is where keys land for a sighted keyboard user
 * who has not tabbed in yet. Screen readers are left alone: in browse mode they keep letter keys to
 * themselves and never send them to the page, text fields and dialogs keep every key, and a focused
 * control (a button, a link, a menu) keeps its own keys, such as Space, Enter and arrows.
 *
 * The map's own keys (arrows, Enter, Delete…) are handled by the map when it has focus; `mapKeys`
 * hands it the keys that arrive while nothing is focused, so N or an arrow works from page load.
 */
export class ShortcutController implements ReactiveController {
  private readonly shortcuts = new Set<Shortcut>()
  private listening = false

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: {
      /** Whether the board owns the page's keys (its own page or frame, not a partner's page). */
      pageWide: () => boolean
      /** The map's key handling, for keys aimed at no control; returns whether it used the key. */
      mapKeys: (e: KeyboardEvent) => boolean
    }
  ) {
    host.addController(this)
  }

  /** Adds a shortcut; the returned function removes it. */
  register(shortcut: Shortcut): () => void {
    this.shortcuts.add(shortcut)
    return () => this.shortcuts.delete(shortcut)
  }

  hostConnected(): void {
    if (this.listening) return
    this.listening = true
    this.host.addEventListener('keydown', this.onBoardKey)
    document.addEventListener('keydown', this.onPageKey)
  }

  hostDisconnected(): void {
    this.listening = false
    this.host.removeEventListener('keydown', this.onBoardKey)
    document.removeEventListener('keydown', this.onPageKey)
  }

  private readonly onBoardKey = (e: KeyboardEvent): void => this.handle(e)

  private readonly onPageKey = (e: KeyboardEvent): void => {
    // Only keys aimed at nothing: the board's own keys come through onBoardKey, and a partner's
    // page keeps every key aimed at its own controls.
    const target = e.composedPath()[0]
    if (target !== document.body && target !== document.documentElement && target !== document) return
    if (!this.options.pageWide() || !this.host.isConnected) return
    this.handle(e)
  }

  private handle(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.isComposing) return
    const aim = aimOf(e)
    if (aim === 'text') return
    if (aim === 'map' && this.options.mapKeys(e)) return used(e)
    const combo = comboOf(e)
    for (const s of this.shortcuts) {
      if (s.keys.includes(combo) && s.run(e) !== false) return used(e)
    }
  }
}

function used(e: KeyboardEvent): void {
  e.preventDefault()
  e.stopPropagation()
}

const CONTROLS = 'button, a[href], summary, select, input, textarea, [contenteditable], [role="button"], [role="menu"], [role="menuitem"], [role="tab"], [role="slider"]'

/** Text entry and open dialogs keep every key; other controls keep theirs; anything else is the map's. */
function aimOf(e: KeyboardEvent): Aim {
  for (const node of e.composedPath()) {
    if (!(node instanceof HTMLElement)) continue
    if (node instanceof HTMLDialogElement) return 'text'
    if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement || node.isContentEditable) return 'text'
  }
  const target = e.composedPath()[0]
  return target instanceof Element && target.matches(CONTROLS) ? 'control' : 'map'
}

/** The combination as `register` spells it: modifiers in the order mod, alt, shift, then the key. */
export function comboOf(e: KeyboardEvent): string {
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key
  const parts: string[] = []
  if (e.ctrlKey || e.metaKey) parts.push('mod')
  if (e.altKey) parts.push('alt')
  // Shift is part of a printed character (`?`, `+`), so it counts only with a modifier or a named key.
  if (e.shiftKey && (parts.length > 0 || e.key.length > 1)) parts.push('shift')
  parts.push(key)
  return parts.join('+')
}

import { css, html, LitElement, nothing, svg } from 'lit'

/** The toolbar's actions; cg-board carries them out. */
export type ToolbarAction =
  | 'add-concept'
  | 'connect'
  | 'delete'
  | 'undo'
  | 'redo'
  | 'zoom-in'
  | 'zoom-out'
  | 'zoom-reset'
  | 'fit'
  | 'layout'
  | 'help'
  | 'overview'
  | 'find'
  | 'copy'
  | 'paste'
  | 'duplicate'

const ICONS: Record<Exclude<ToolbarAction, 'zoom-reset'>, string> = {
  'add-concept': 'M4 7a3 3 0 0 1 3-3h10a3 3 0 0 1 3 3v10a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3zM12 8v8M8 12h8',
  connect: 'M5 7h5M5 7a2 2 0 1 1 0 .01M14 17h5M19 17a2 2 0 1 0 0 .01M8 8l8 8m0 0v-4m0 4h-4',
  delete: 'M5 7h14M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3',
  undo: 'M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-4',
  redo: 'M15 14l5-5-5-5M20 9H9a5 5 0 0 0 0 10h4',
  'zoom-in': 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4M11 8v6M8 11h6',
  'zoom-out': 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4M8 11h6',
  fit: 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5',
  layout: 'M10 3h4v4h-4zM3 17h4v4H3zM17 17h4v4h-4zM12 7v5M5 17v-5h14v5',
  overview: 'M3 5h18v14H3zM12 11h6v5h-6z',
  copy: 'M9 9h10v11H9zM5 15V4h10',
  paste: 'M9 4h6v3H9zM9 5H6v15h12V5h-3M9 12h6M9 16h4',
  duplicate: 'M8 8h12v12H8zM4 16V4h12M14 11v6M11 14h6',
  find: 'M10 4a6 6 0 1 0 0 12 6 6 0 0 0 0-12zM20 20l-5.6-5.6',
  help: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14M12 17.5v.01'
}

/**
 * The board's buttons. Each names its shortcut; a viewer gets only the ones that change nothing.
 */
export class CgToolbar extends LitElement {
  static override properties = {
    readOnly: { type: Boolean },
    canUndo: { type: Boolean },
    canRedo: { type: Boolean },
    hasSelection: { type: Boolean },
    canConnect: { type: Boolean },
    canLayout: { type: Boolean },
    canPaste: { type: Boolean },
    note: { type: String },
    zoom: { type: Number },
    overview: { attribute: false },
    moreOpen: { state: true }
  }

  static override styles = css`
    :host {
      display: flex;
      /* Never wider than the room the board gives it: a second row rather than buttons cut off. */
      flex-wrap: wrap;
      justify-content: center;
      align-items: center;
      gap: 2px;
      padding: 4px;
      border-radius: 12px;
      background: #fff;
      box-shadow: 0 1px 3px rgb(15 23 42 / 0.15), 0 4px 14px rgb(15 23 42 / 0.08);
      font: 13px/1 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    }
    button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-width: 36px;
      height: 36px;
      padding: 0 6px;
      border: none;
      border-radius: 8px;
      background: transparent;
      color: #1e293b;
      font: inherit;
      cursor: pointer;
    }
    button:hover:not(:disabled) {
      background: #f1f5f9;
    }
    button:disabled {
      color: #94a3b8;
      cursor: default;
    }
    button:focus-visible {
      outline: 3px solid #2563eb;
      outline-offset: -1px;
    }
    svg {
      width: 20px;
      height: 20px;
      fill: none;
      stroke: currentColor;
      stroke-width: 1.8;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
    /* The three dots are zero-length strokes: at the icons' 1.8 they read as faint specks, as if disabled. */
    .more svg {
      stroke-width: 3.2;
    }
    .sep {
      width: 1px;
      height: 24px;
      margin: 0 4px;
      background: #e2e8f0;
    }
    .zoom {
      min-width: 52px;
      font-variant-numeric: tabular-nums;
    }
    :host {
      position: relative;
    }
    /* The menu's view tools are on a wide toolbar already: the menu holds them only when narrow. */
    [role='menu'] .narrow {
      display: none;
    }
    hr {
      width: 100%;
      margin: 4px 0;
      border: none;
      border-top: 1px solid #e2e8f0;
    }
    .note {
      position: absolute;
      right: 0;
      bottom: calc(100% + 6px);
      width: max-content;
      max-width: min(320px, 90vw);
      margin: 0;
      padding: 8px 12px;
      border-radius: 10px;
      background: #1e293b;
      color: #fff;
      line-height: 1.4;
    }
    [role='menu'] {
      position: absolute;
      right: 0;
      bottom: calc(100% + 6px);
      display: flex;
      flex-direction: column;
      min-width: 200px;
      padding: 4px;
      border-radius: 10px;
      background: #fff;
      box-shadow: 0 2px 12px rgb(15 23 42 / 0.2);
    }
    [role^='menuitem'] {
      justify-content: flex-start;
      gap: 10px;
      padding: 0 10px;
      white-space: nowrap;
    }
    .check {
      min-width: 1em;
      margin-inline-start: auto;
    }
    @media (pointer: coarse) {
      button {
        min-width: 44px;
        height: 44px;
      }
    }
    /* A phone or a narrow frame: the view tools move into a More menu, so the toolbar fits. With
       44 px touch buttons all of them take 600 px: a touch screen up to 640 px wide does the same. */
    @container (max-width: 600px) {
      .wide {
        display: none;
      }
      [role='menu'] .narrow {
        display: inline-flex;
      }
      hr.narrow {
        display: block;
      }
      .sep {
        margin: 0 1px;
      }
    }
    @media (pointer: coarse) {
      @container (max-width: 640px) {
        .wide {
          display: none;
        }
        [role='menu'] .narrow {
          display: inline-flex;
        }
        hr.narrow {
          display: block;
        }
      }
    }
  `

  declare readOnly: boolean
  declare canUndo: boolean
  declare canRedo: boolean
  declare hasSelection: boolean
  declare canConnect: boolean
  declare canLayout: boolean
  /** Whether Paste can act (a copy made here, or a clipboard the page may read): see canvas-clipboard. */
  declare canPaste: boolean
  /**
   * Something said on screen for a moment, above the toolbar ("Nothing to paste yet…"). No live
   * region of its own: the board's announcer says the same words once.
   */
  declare note: string
  declare zoom: number
  /**
   * Whether the overview of a large map is shown on a narrow board, where it is hidden until asked
   * for (it would cover much of a phone's map); null when the map has no overview.
   */
  declare overview: boolean | null
  declare moreOpen: boolean

  constructor() {
    super()
    this.readOnly = false
    this.canUndo = false
    this.canRedo = false
    this.hasSelection = false
    this.canConnect = false
    this.canLayout = false
    this.canPaste = false
    this.note = ''
    this.zoom = 1
    this.overview = null
    this.moreOpen = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.setAttribute('role', 'toolbar')
    this.setAttribute('aria-label', 'Map tools')
  }

  protected override render() {
    const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+'
    return html`${this.readOnly
        ? nothing
        : html`${this.button('add-concept', 'Add concept', 'N')}
          ${this.button('connect', 'Link selected concept to…', 'L', !this.canConnect)}
          ${this.button('delete', 'Delete selection', 'Delete', !this.hasSelection)}
          <span class="sep" aria-hidden="true"></span>
          ${this.button('undo', 'Undo', `${mod}Z`, !this.canUndo)}
          ${this.button('redo', 'Redo', `${mod}Shift+Z`, !this.canRedo)}
          <span class="sep" aria-hidden="true"></span>`}
      <span class="wide">${this.button('zoom-out', 'Zoom out', '−')}</span>
      <button class="zoom wide" type="button" title="Reset zoom to 100% (0)" aria-label="Zoom ${Math.round(this.zoom * 100)}%, reset to 100%" @click=${() => this.act('zoom-reset')}>
        ${Math.round(this.zoom * 100)}%
      </button>
      <span class="wide">${this.button('zoom-in', 'Zoom in', '+')}</span>
      ${this.button('fit', 'Fit map to view', '1')}
      ${this.readOnly ? nothing : html`<span class="wide">${this.button('layout', 'Auto-layout (everyone sees it; undo to revert)', '', !this.canLayout)}</span>`}
      <span class="sep wide" aria-hidden="true"></span>
      <span class="wide">${this.button('find', 'Find on the map', `${mod}F`)}</span>
      <span class="wide">${this.button('help', 'Keyboard shortcuts', '?')}</span>
      <button class="more" type="button" aria-label="More tools" title="More tools" aria-haspopup="menu" aria-expanded=${String(this.moreOpen)}
        @click=${() => this.toggleMore()} @keydown=${this.onMoreKey}><svg viewBox="0 0 24 24" aria-hidden="true">${svg`<path d="M5 12h.01M12 12h.01M19 12h.01"></path>`}</svg></button>
      ${this.moreOpen ? this.renderMore() : this.note ? html`<p class="note">${this.note}</p>` : nothing}`
  }

  /**
   * What the More menu holds: copy, paste and duplicate (the only way to them by touch), and the
   * tools a narrow toolbar leaves out (class "narrow": hidden from a wide toolbar's menu).
   */
  private renderMore() {
    const item = (action: ToolbarAction, label: string, disabled = false, narrow = true) => html`<button type="button" role="menuitem" class=${narrow ? 'narrow' : ''} ?disabled=${disabled}
      @click=${() => { this.moreOpen = false; this.act(action) }}>${action === 'zoom-reset'
        ? html`<span class="zoom">${Math.round(this.zoom * 100)}%</span>`
        : html`<svg viewBox="0 0 24 24" aria-hidden="true">${svg`<path d=${ICONS[action]}></path>`}</svg>`}${label}</button>`
    // A viewer may copy (into a board of their own), but not paste or duplicate here.
    return html`<div role="menu" aria-label="More tools" @keydown=${this.onMenuKey} @focusout=${this.onMenuFocusOut}>
      ${this.readOnly ? nothing : item('duplicate', 'Duplicate', !this.hasSelection, false)} ${item('copy', 'Copy', !this.hasSelection, false)}
      ${this.readOnly ? nothing : item('paste', 'Paste', !this.canPaste, false)}
      <hr class="narrow" aria-hidden="true">
      ${item('zoom-in', 'Zoom in')} ${item('zoom-out', 'Zoom out')} ${item('zoom-reset', 'Reset zoom to 100%')}
      ${this.readOnly ? nothing : item('layout', 'Auto-layout', !this.canLayout)} ${item('find', 'Find on the map')}
      ${item('help', 'Keyboard shortcuts')}
      ${this.overview === null
        ? nothing
        : html`<button type="button" class="narrow" role="menuitemcheckbox" aria-checked=${String(this.overview)}
            @click=${() => { this.moreOpen = false; this.act('overview') }}><svg viewBox="0 0 24 24" aria-hidden="true">${svg`<path d=${ICONS.overview}></path>`}</svg>Overview of the map<span class="check" aria-hidden="true">${this.overview ? '✓' : ''}</span></button>`}
    </div>`
  }

  private toggleMore(): void {
    this.moreOpen = !this.moreOpen
    if (!this.moreOpen) return
    // The board checks whether Paste can act now (the clipboard may have changed since).
    this.dispatchEvent(new CustomEvent('cg-menu-open', { bubbles: true, composed: true }))
    void this.updateComplete.then(() => this.menuItems()[0]?.focus())
  }

  /** The menu's items one can use: enabled and shown (a wide toolbar's menu hides the view tools). */
  private menuItems(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[role^="menuitem"]:not(:disabled)')].filter((b) => b.getClientRects().length > 0)
  }

  private readonly onMenuKey = (e: KeyboardEvent): void => {
    const items = this.menuItems()
    const at = items.indexOf(e.composedPath()[0] as HTMLButtonElement)
    if (e.key === 'Escape') {
      this.moreOpen = false
      this.renderRoot.querySelector<HTMLElement>('.more')?.focus()
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      items[(at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus()
    } else return
    e.preventDefault()
    e.stopPropagation()
  }

  /** Escape on the button closes its open menu too: focus stays there when none of the menu's items can be used. */
  private readonly onMoreKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || !this.moreOpen) return
    this.moreOpen = false
    e.preventDefault()
    e.stopPropagation()
  }

  private readonly onMenuFocusOut = (e: FocusEvent): void => {
    const next = e.relatedTarget as Node | null
    if (!next || !this.renderRoot.contains(next)) this.moreOpen = false
  }

  private button(action: Exclude<ToolbarAction, 'zoom-reset'>, label: string, key: string, disabled = false) {
    const title = key ? `${label} (${key})` : label
    return html`<button type="button" aria-label=${label} title=${title} ?disabled=${disabled} @click=${() => this.act(action)}>
      <svg viewBox="0 0 24 24" aria-hidden="true">${svg`<path d=${ICONS[action]}></path>`}</svg>
    </button>`
  }

  private act(action: ToolbarAction): void {
    this.dispatchEvent(new CustomEvent('cg-action', { detail: action, bubbles: true, composed: true }))
  }
}

if (!customElements.get('cg-toolbar')) customElements.define('cg-toolbar', CgToolbar)

declare global {
  interface HTMLElementTagNameMap {
    'cg-toolbar': CgToolbar
  }
}

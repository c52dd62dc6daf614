import { css, html, LitElement, svg } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import type { Awareness } from 'y-protocols/awareness'
import { AwarenessController } from '../controllers/awareness-controller'
import type { Viewport } from '../model/viewport'

/**
 * The others' pointers, with their names. Drawn in screen space over the map (positions converted
 * from map coordinates) so they keep their size at any zoom; a cursor goes when its owner's
 * awareness state does.
 */
export class CgCursors extends LitElement {
  static override properties = {
    awareness: { attribute: false }
  }

  static override styles = css`
    :host {
      position: absolute;
      inset: 0;
      pointer-events: none;
      overflow: hidden;
    }
    .cursor {
      position: absolute;
      left: 0;
      top: 0;
      transition: transform 60ms linear;
      /* Own layers: a cursor moving (or the view under it) then repaints nothing. */
      will-change: transform;
    }
    /* Someone who stopped moving fades out of the way; moving brings them back at once (no fade in).
       The name goes at once too: half-faded text is unreadable, and fails contrast while it lasts. */
    .cursor.idle {
      opacity: 0;
      transition: transform 60ms linear, opacity 600ms ease;
    }
    .cursor.idle .name {
      visibility: hidden;
    }
    svg {
      display: block;
      width: 18px;
      height: 18px;
    }
    .name {
      display: var(--cg-person-names, inline);
      position: absolute;
      left: 14px;
      top: 16px;
      padding: 2px 6px;
      border-radius: 4px;
      color: #fff;
      font: 600 12px/1.2 system-ui, sans-serif;
      white-space: nowrap;
    }
  `

  declare awareness: Awareness | null
  private readonly presence = new AwarenessController(this, 'cursors')
  private viewport: Viewport = { x: 0, y: 0, zoom: 1 }
  /** Where each peer's cursor was last seen and when it last moved (map coordinates, ms). */
  private readonly seen = new Map<number, { x: number; y: number; at: number }>()
  private idleTimer: ReturnType<typeof setTimeout> | null = null

  constructor() {
    super()
    this.awareness = null
  }

  setViewport(v: Viewport): void {
    this.viewport = v
    if (this.presence.peers.some((p) => p.cursor)) this.requestUpdate()
  }

  protected override willUpdate(): void {
    this.presence.bind(this.awareness)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
  }

  protected override render() {
    const v = this.viewport
    const withCursor = this.presence.peers.filter((p) => p.cursor)
    const now = Date.now()
    let nextIdle = Infinity
    const live = new Set<number>()
    for (const p of withCursor) {
      live.add(p.clientId)
      const s = this.seen.get(p.clientId)
      if (!s || s.x !== p.cursor!.x || s.y !== p.cursor!.y) this.seen.set(p.clientId, { x: p.cursor!.x, y: p.cursor!.y, at: now })
      const at = this.seen.get(p.clientId)!.at
      if (now - at < IDLE_MS) nextIdle = Math.min(nextIdle, at + IDLE_MS)
    }
    for (const id of this.seen.keys()) if (!live.has(id)) this.seen.delete(id)
    // One timer for the next cursor to go idle; a render on a move sets it again.
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = Number.isFinite(nextIdle) ? setTimeout(() => this.requestUpdate(), nextIdle - now + 20) : null
    return html`${repeat(
      withCursor,
      (p) => p.clientId,
      (p) => {
        const x = Math.round(p.cursor!.x * v.zoom + v.x)
        const y = Math.round(p.cursor!.y * v.zoom + v.y)
        const idle = now - this.seen.get(p.clientId)!.at >= IDLE_MS
        return html`<div class=${idle ? 'cursor idle' : 'cursor'} data-peer=${p.user.name} style="transform:translate(${x}px,${y}px)">
          <svg viewBox="0 0 18 18" aria-hidden="true">${svg`<path d="M1 1 L1 15 L5 11 L8 17 L10.5 16 L7.5 10 L13 10 Z" fill=${p.user.color} stroke="#fff" stroke-width="1.2" stroke-linejoin="round"></path>`}</svg>
          <span class="name" style="background:${p.user.color}">${p.user.name}</span>
        </div>`
      }
    )}`
  }
}

/** How long a cursor stays in full view after it last moved. */
export const IDLE_MS = 5000

if (!customElements.get('cg-cursors')) customElements.define('cg-cursors', CgCursors)

declare global {
  interface HTMLElementTagNameMap {
    'cg-cursors': CgCursors
  }
}

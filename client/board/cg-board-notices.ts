import { css, html, LitElement, nothing } from 'lit'
import type { Role } from '../../shared/roles'
import { REFUSAL_WORDS, type UpdateRefusal } from '../../shared/sync/refusal-reasons'
import type { Followed } from '../controllers/view-sharing-controller'
import { closeMessage } from './cg-status'

/**
 * What holds for the whole board right now, said where the map starts: the connection closed by the
 * server, the lock, following someone's view (with a way to stop), a facilitator having brought
 * everyone here, why this participant cannot change the map (a viewer, or refused by the server),
 * and, quietly, that this browser keeps no offline copy of the board.
 */
export class CgBoardNotices extends LitElement {
  static override properties = {
    role: { attribute: false },
    locked: { attribute: false },
    following: { attribute: false },
    broughtBy: { attribute: false },
    refused: { attribute: false },
    closed: { attribute: false },
    closeCode: { attribute: false },
    denied: { attribute: false },
    noOfflineCopy: { attribute: false }
  }

  static override styles = css`
    :host {
      display: block;
    }
    p {
      margin: 0;
      padding: 8px 16px;
      border-bottom: 1px solid;
    }
    .banner {
      margin: 0;
      padding: 8px 16px;
      background: #fef3c7;
      color: #78350f;
      border-bottom: 1px solid #fcd34d;
    }
    .banner.error {
      background: #fee2e2;
      color: #7f1d1d;
      border-color: #fca5a5;
    }
    .lock {
      background: #fff7ed;
      color: #7c2d12;
      border-color: #fdba74;
    }
    .refused {
      background: #fee2e2;
      color: #7f1d1d;
      border-color: #fca5a5;
    }
    /* News, not a problem: the board works; only its copy on this device is missing. */
    .quiet {
      padding-block: 4px;
      background: #f8fafc;
      color: #334155;
      border-color: #e2e8f0;
      font-size: 13px;
    }
    .view {
      background: #eff6ff;
      color: #1e3a8a;
      border-color: var(--who, #93c5fd);
    }
    button {
      margin-inline-start: 8px;
      padding: 2px 10px;
      border: 1px solid currentColor;
      border-radius: 6px;
      background: #fff;
      color: inherit;
      font: inherit;
      cursor: pointer;
    }
    button:focus-visible {
      outline: 3px solid #2563eb;
      outline-offset: 2px;
    }
  `

  declare role: Role
  declare locked: boolean
  declare following: Followed | null
  declare broughtBy: string | null
  /** Why the server did not keep this participant's last change, while that is news. */
  declare refused: UpdateRefusal | null
  /** The server closed the connection (for good: a bad link, no access, no such board). */
  declare closed: boolean
  declare closeCode: number | null
  /** Why the server refuses every change of this participant's, or null. */
  declare denied: string | null
  /** The browser refuses the board's offline copy (offline-copy.ts): edits live on the server only. */
  declare noOfflineCopy: boolean

  constructor() {
    super()
    this.role = 'viewer'
    this.locked = false
    this.following = null
    this.broughtBy = null
    this.refused = null
    this.closed = false
    this.closeCode = null
    this.denied = null
    this.noOfflineCopy = false
  }

  protected override render() {
    const following = this.following
    // Status regions are present from the start, so a lock or unlock is announced as it happens.
    // An alert is announced as it appears, so it is there only while there is something to say.
    return html`${this.closed ? html`<p class="banner error" role="alert">${closeMessage(this.closeCode)}</p>` : nothing}
      ${this.refused ? html`<p class="refused" role="alert">Your last change was not kept. ${REFUSAL_WORDS[this.refused]}</p>` : nothing}
      <div role="status">
        ${this.locked && this.role !== 'viewer'
          ? html`<p class="lock">${this.role === 'facilitator'
              ? 'The board is locked: only facilitators can change it now.'
              : 'The facilitator has locked the board: you can look, but not change the map for now.'}</p>`
          : nothing}
      </div>
      ${following
        ? html`<p class="view" style="--who:${following.color}">
            Following ${following.name}’s view.<button type="button" @click=${this.stop}>Stop following</button>
          </p>`
        : nothing}
      <div role="status">${this.broughtBy ? html`<p class="view">${this.broughtBy} brought everyone to this part of the map.</p>` : nothing}</div>
      <div role="status">
        ${this.noOfflineCopy
          ? html`<p class="quiet">Offline copy off: this browser does not let the board keep edits on this device.</p>`
          : nothing}
      </div>
      ${this.role === 'viewer'
        ? html`<p class="banner">You are viewing this board: you can follow along live, but you cannot change the map.</p>`
        : this.denied !== null && !this.closed
          ? html`<p class="banner error" role="alert">The server is not accepting your changes (${this.denied}): the map is read-only for you.</p>`
          : nothing}`
  }

  private readonly stop = (): void => {
    this.dispatchEvent(new CustomEvent('cg-follow', { detail: null, bubbles: true, composed: true }))
  }
}

if (!customElements.get('cg-board-notices')) customElements.define('cg-board-notices', CgBoardNotices)

declare global {
  interface HTMLElementTagNameMap {
    'cg-board-notices': CgBoardNotices
  }
}

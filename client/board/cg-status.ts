import { css, html, LitElement } from 'lit'
import { CloseCode } from '../../shared/close-codes'
import type { ConnectionStatus } from '../controllers/connection-controller'
import type { SaveState } from '../controllers/journal-ack'

/** Why the server closed the connection for good, in words a participant can act on. */
export function closeMessage(code: number | null): string {
  switch (code) {
    case CloseCode.unauthorized:
      return 'This invite link is not valid (it may have expired or been revoked). Ask whoever invited you for a new one.'
    case CloseCode.forbidden:
      return 'You do not have access to this board, or it has been archived.'
    case CloseCode.notFound:
      return 'This board does not exist. Check the link you were given.'
    default:
      return 'The server closed the connection to this board.'
  }
}

/**
 * The connection in one short phrase, with a coloured dot. Offline, it says where the edits wait: on
 * this device, or (where the browser keeps no offline copy) only in this page.
 */
export function statusText(status: ConnectionStatus, synced: boolean, save: SaveState, closeCode: number | null, kept = true): string {
  switch (status) {
    case 'idle':
    case 'connecting':
      return 'Connecting…'
    case 'offline':
      return kept ? 'Offline: changes kept on this device' : 'Offline: changes kept while this page is open'
    case 'reconnecting':
      if (closeCode === CloseCode.restarting) return 'Server restarting, reconnecting…'
      if (closeCode === CloseCode.storageUnavailable) return 'Server storage busy, reconnecting…'
      return 'Reconnecting…'
    case 'closed':
      return 'Disconnected'
    case 'connected':
      if (!synced) return 'Syncing…'
      return save === 'saved' ? 'All changes saved' : save === 'saving' ? 'Saving…' : 'Connected'
  }
}

export class CgStatus extends LitElement {
  static override properties = {
    status: { attribute: false },
    synced: { type: Boolean },
    save: { attribute: false },
    closeCode: { attribute: false },
    kept: { attribute: false }
  }

  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 4px 10px;
      border-radius: 999px;
      background: #f1f5f9;
      color: #1e293b;
      font: 13px/1.2 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
      white-space: nowrap;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--dot);
    }
  `

  declare status: ConnectionStatus
  declare synced: boolean
  declare save: SaveState
  declare closeCode: number | null
  /** Edits are kept on this device (false where the browser refuses the offline copy). */
  declare kept: boolean

  constructor() {
    super()
    this.status = 'idle'
    this.synced = false
    this.save = 'unknown'
    this.closeCode = null
    this.kept = true
  }

  protected override render() {
    const text = statusText(this.status, this.synced, this.save, this.closeCode, this.kept)
    const ok = this.status === 'connected' && this.synced
    const color = ok ? '#16a34a' : this.status === 'closed' ? '#dc2626' : this.status === 'offline' ? '#64748b' : '#d97706'
    this.dataset.status = this.status
    this.dataset.save = this.save
    return html`<span class="dot" style="--dot:${color}" aria-hidden="true"></span><span class="text">${text}</span>`
  }
}

if (!customElements.get('cg-status')) customElements.define('cg-status', CgStatus)

declare global {
  interface HTMLElementTagNameMap {
    'cg-status': CgStatus
  }
}

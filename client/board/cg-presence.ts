import { css, html, LitElement } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import type { Role } from '../../shared/roles'
import { ROLE_LABELS } from '../model/roles-ui'

export interface Person {
  key: string
  name: string
  role: Role
  color: string
  self: boolean
}

/** Who is on the board: a chip per participant, in their role's colour. */
export class CgPresence extends LitElement {
  static override properties = {
    people: { attribute: false }
  }

  static override styles = css`
    :host {
      display: block;
      min-width: 0;
    }
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      max-width: 14em;
      padding: 3px 10px 3px 3px;
      border-radius: 999px;
      background: #f1f5f9;
      color: #0f172a;
      font: 13px/1.2 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    }
    .avatar {
      flex: none;
      display: inline-grid;
      place-items: center;
      width: 24px;
      height: 24px;
      border-radius: 50%;
      color: #fff;
      font-weight: 700;
      font-size: 12px;
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .role {
      color: #475569;
      font-size: 12px;
    }
  `

  declare people: readonly Person[]

  constructor() {
    super()
    this.people = []
  }

  protected override render() {
    return html`<ul aria-label="People on this board">
      ${repeat(this.people, (p) => p.key, (p) => html`<li title="${p.name} (${ROLE_LABELS[p.role]})">
        <span class="avatar" style="background:${p.color}" aria-hidden="true">${initial(p.name)}</span>
        <span class="name">${p.name}${p.self ? ' (you)' : ''}</span>
        <span class="role">${ROLE_LABELS[p.role]}</span>
      </li>`)}
    </ul>`
  }
}

const initial = (name: string): string => [...name.trim()][0]?.toUpperCase() ?? '?'

if (!customElements.get('cg-presence')) customElements.define('cg-presence', CgPresence)

declare global {
  interface HTMLElementTagNameMap {
    'cg-presence': CgPresence
  }
}

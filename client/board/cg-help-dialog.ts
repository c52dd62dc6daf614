import { css, html, LitElement, type PropertyValues } from 'lit'
import { dialogStyles } from './dialog-styles'

const KEYS: [string, string][] = [
  // As Tab goes (checked in Chromium): the people are a stop only when there is someone to follow.
  ['Tab', 'Go down the board: Customer voice, the people when others are here (one stop: arrow keys pick whom to follow), the map, its toolbar, an open panel, then the buttons at the bottom'],
  ['Arrow keys', 'Go to the nearest concept or link in that direction'],
  ['Ctrl + arrow keys', 'Move focus without changing the selection'],
  ['Space', 'Add the focused item to the selection, or remove it'],
  ['N', 'New concept (next to the focused one)'],
  ['Enter or F2', 'Edit the focused label; Enter saves, Escape cancels'],
  ['L', 'Link the focused concept to another, with a linking phrase'],
  ['Shift + arrow keys', 'Move the selected concepts (with Ctrl: further)'],
  ['Delete', 'Delete the selection (a concept takes its links with it)'],
  ['Ctrl + Z, Ctrl + Shift + Z', 'Undo, redo your own changes'],
  ['Ctrl + A', 'Select all concepts'],
  ['Ctrl + C, Ctrl + V', 'Copy the selected concepts with the links among them; paste them (also into another board)'],
  ['Ctrl + D', 'Duplicate the selected concepts and their links'],
  ['Ctrl + F', 'Find a concept or linking phrase; Enter for the next match, Shift + Enter for the previous'],
  ['+, −, 0, 1', 'Zoom in, zoom out, 100%, fit the map'],
  ['Escape', 'Clear the selection']
]

/** The keyboard shortcuts, for everyone and for screen reader users in particular. */
export class CgHelpDialog extends LitElement {
  static override properties = {
    open: { type: Boolean }
  }

  static override styles = [
    dialogStyles,
    css`
      /* Wider than the other dialogs: at 28rem the keys' column (as wide as its longest, kept on one
         line) left the descriptions a 170 px column, and the list took two screens on a desktop. */
      dialog {
        max-width: min(40rem, calc(100vw - 32px));
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 6px 16px;
        margin: 0;
        font-size: 14px;
      }
      dt {
        font-weight: 600;
        white-space: nowrap;
      }
      dd {
        margin: 0;
      }
      @media (max-width: 480px) {
        dl {
          grid-template-columns: 1fr;
          gap: 0;
        }
        dd {
          margin-bottom: 8px;
        }
      }
    `
  ]

  declare open: boolean

  constructor() {
    super()
    this.open = false
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return
    const dialog = this.renderRoot.querySelector('dialog')!
    if (this.open && !dialog.open) {
      dialog.showModal()
      // Opened at its start: the dialog itself takes focus (autofocus), not the Close button at
      // the end, which would scroll a long list to its end on a small screen.
      dialog.scrollTop = 0
    } else if (!this.open && dialog.open) dialog.close()
  }

  protected override render() {
    return html`<dialog aria-labelledby="help-title" autofocus tabindex="-1" @close=${this.onClose}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <dl>${KEYS.map(([k, what]) => html`<dt>${k}</dt><dd>${what}</dd>`)}</dl>
      <p style="margin-top:12px">With a pointer: double-click to add or edit, drag a concept's blue handle to
        another to link them, drag the background to pan, wheel or pinch to zoom, Shift-drag to select several. On a touch screen, hold a finger on a
        concept to add it to the selection, or hold it on the background and drag to select an area.</p>
      <form method="dialog" class="actions"><button class="primary">Close</button></form>
    </dialog>`
  }

  private onClose(): void {
    this.dispatchEvent(new CustomEvent('cg-help-close', { bubbles: true, composed: true }))
  }
}

if (!customElements.get('cg-help-dialog')) customElements.define('cg-help-dialog', CgHelpDialog)

declare global {
  interface HTMLElementTagNameMap {
    'cg-help-dialog': CgHelpDialog
  }
}

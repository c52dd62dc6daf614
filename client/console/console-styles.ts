import { css } from 'lit'
import { srOnlyStyles } from '../sr-only-styles'

/** The console's look: plain cards, tables and buttons, in the board's palette. */
export const consoleStyles = [
  srOnlyStyles,
  css`
  :host {
    color: #0f172a;
    font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  }
  h2 {
    margin: 0 0 10px;
    font-size: 17px;
  }
  h3 {
    margin: 0 0 8px;
    font-size: 15px;
  }
  p {
    margin: 0 0 8px;
  }
  .card {
    background: #fff;
    border: 1px solid #e2e8f0;
    border-radius: 12px;
    padding: 16px 18px;
    margin-bottom: 16px;
  }
  .muted {
    color: #475569;
  }
  .small {
    font-size: 12.5px;
  }
  label {
    display: block;
    margin: 10px 0 4px;
    font-weight: 600;
    font-size: 13px;
  }
  input,
  select,
  textarea {
    box-sizing: border-box;
    width: 100%;
    padding: 7px 9px;
    border: 1px solid #64748b;
    border-radius: 8px;
    font: inherit;
    background: #fff;
    color: inherit;
  }
  textarea {
    resize: vertical;
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  button:focus-visible,
  a:focus-visible {
    outline: 3px solid #2563eb;
    outline-offset: 2px;
  }
  button,
  a.button {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 6px 12px;
    border-radius: 8px;
    border: 1px solid #64748b;
    background: #fff;
    color: #0f172a;
    font: inherit;
    text-decoration: none;
    cursor: pointer;
    white-space: nowrap;
  }
  button:hover,
  a.button:hover {
    background: #f1f5f9;
  }
  button.primary,
  a.button.primary {
    background: #1d4ed8;
    border-color: #1d4ed8;
    color: #fff;
  }
  button.primary:hover {
    background: #1e40af;
  }
  button.danger {
    border-color: #b91c1c;
    color: #b91c1c;
  }
  button.danger:hover {
    background: #fef2f2;
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 8px 12px;
  }
  .row > .grow {
    flex: 1 1 12rem;
    min-width: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin-top: 12px;
  }
  .chip {
    display: inline-block;
    padding: 1px 8px;
    border-radius: 999px;
    font-size: 12px;
    font-weight: 600;
    background: #e2e8f0;
    color: #334155;
    vertical-align: middle;
    white-space: nowrap;
  }
  .chip.locked {
    background: #fef3c7;
    color: #78350f;
  }
  .chip.archived {
    background: #e5e7eb;
    color: #374151;
  }
  .chip.online {
    background: #dcfce7;
    color: #14532d;
  }
  .chip.revoked,
  .chip.expired {
    background: #fee2e2;
    color: #7f1d1d;
  }
  .role {
    display: inline-block;
    padding: 1px 8px;
    border-radius: 6px;
    color: #fff;
    font-size: 12px;
    font-weight: 600;
    white-space: nowrap;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: left;
    padding: 7px 8px;
    border-bottom: 1px solid #e2e8f0;
    vertical-align: middle;
    overflow-wrap: anywhere;
  }
  th {
    font-size: 12px;
    color: #475569;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  td.actions-cell {
    text-align: right;
    white-space: nowrap;
  }
  /*
   * In a panel narrower than a table's columns (a phone, or the two-column console at tablet width)
   * the unwrapping buttons left the name and expiry columns a letter wide and the page wider than
   * the screen: each row becomes a card (the name on its own line, then the role, status and expiry,
   * then the buttons). The header row is hidden from sight only; the table stays a table.
   * The panels with tables name themselves the "panel" container.
   */
  @container panel (max-width: 560px) {
    thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    table,
    tbody {
      display: block;
    }
    tr {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px 10px;
      padding: 10px 0;
      border-bottom: 1px solid #e2e8f0;
    }
    td {
      padding: 0;
      border: 0;
    }
    td:first-child,
    td.actions-cell {
      flex: 1 0 100%;
    }
    td.actions-cell {
      text-align: left;
      white-space: normal;
    }
    td[data-label]::before {
      content: attr(data-label) ' ' / '';
    }
  }
  .error {
    padding: 8px 12px;
    border-radius: 8px;
    background: #fee2e2;
    color: #7f1d1d;
    border: 1px solid #fca5a5;
  }
  .spaced {
    margin-top: 12px;
  }
  .notice {
    padding: 8px 12px;
    border-radius: 8px;
    background: #eff6ff;
    color: #1e3a8a;
    border: 1px solid #bfdbfe;
  }
  code,
  .mono {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 12.5px;
  }
  .dot {
    display: inline-block;
    width: 9px;
    height: 9px;
    border-radius: 50%;
    background: #cbd5e1;
    margin-right: 6px;
  }
  .dot.on {
    background: #16a34a;
  }
`
]

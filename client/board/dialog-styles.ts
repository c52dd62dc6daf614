import { css } from 'lit'

/** Shared look of the board's modal dialogs. */
export const dialogStyles = css`
  dialog {
    border: none;
    border-radius: 12px;
    padding: 20px 22px;
    max-width: min(28rem, calc(100vw - 32px));
    max-height: calc(100vh - 32px);
    box-sizing: border-box;
    overflow: auto;
    box-shadow: 0 20px 50px rgb(15 23 42 / 0.3);
    color: #0f172a;
    font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  }
  dialog::backdrop {
    background: rgb(15 23 42 / 0.35);
  }
  h2 {
    margin: 0 0 12px;
    font-size: 18px;
  }
  label {
    display: block;
    margin: 12px 0 4px;
    font-weight: 600;
    font-size: 14px;
  }
  input,
  select {
    box-sizing: border-box;
    width: 100%;
    padding: 8px 10px;
    border: 1px solid #64748b;
    border-radius: 8px;
    font: inherit;
    background: #fff;
    color: inherit;
  }
  input:focus-visible,
  select:focus-visible,
  button:focus-visible {
    outline: 3px solid #2563eb;
    outline-offset: 2px;
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
    margin-top: 18px;
  }
  button {
    padding: 8px 14px;
    border-radius: 8px;
    border: 1px solid #64748b;
    background: #fff;
    color: #0f172a;
    font: inherit;
    cursor: pointer;
  }
  button.primary {
    background: #1d4ed8;
    border-color: #1d4ed8;
    color: #fff;
  }
  p {
    margin: 0 0 8px;
  }
  /* On a touch screen the fields and buttons are 44 px tall (38–40 px before), and no button is
     narrower than that: the board's rule for touch controls. A mouse-and-keyboard screen is unchanged. */
  @media (pointer: coarse) {
    input:not([type='radio'], [type='checkbox']),
    select,
    button {
      min-height: 44px;
    }
    button {
      min-width: 44px;
    }
  }
`

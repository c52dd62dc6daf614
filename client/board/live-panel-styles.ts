import { css } from 'lit'

/** The facilitator's live view (cg-live-panel): a side panel of prompts, contribution bars and figures; larger when projected. */
export const livePanelStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 12px;
    box-sizing: border-box;
    padding: 12px 14px 16px;
    overflow-y: auto;
    background: #fff;
    border-inline-start: 1px solid #cbd5e1;
    box-shadow: -8px 0 24px rgb(15 23 42 / 0.12);
    font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    color: #0f172a;
  }
  header {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  h2 {
    flex: 1;
    margin: 0;
    font-size: 16px;
  }
  h3 {
    margin: 0 0 6px;
    font-size: 13px;
    color: #475569;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  button {
    padding: 4px 10px;
    border: 1px solid #64748b;
    border-radius: 8px;
    background: #fff;
    font: inherit;
    cursor: pointer;
  }
  button[aria-pressed='true'] {
    background: #1e293b;
    color: #fff;
  }
  button:focus-visible {
    outline: 3px solid #2563eb;
    outline-offset: 2px;
  }
  .scope,
  .muted {
    margin: 0;
    color: #475569;
    font-size: 13px;
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .prompts li {
    margin-bottom: 6px;
    padding: 8px 10px;
    border-radius: 8px;
    background: #fffbeb;
    border: 1px solid #fcd34d;
    color: #78350f;
  }
  .people li {
    display: grid;
    grid-template-columns: minmax(6rem, 11rem) 1fr 2.2rem;
    align-items: center;
    gap: 8px;
    margin-bottom: 4px;
  }
  .people .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .people .silent .name::after {
    content: ' · quiet';
    color: #b91c1c;
    font-size: 12px;
  }
  .bar {
    height: 12px;
    border-radius: 6px;
    background: #f1f5f9;
    overflow: hidden;
  }
  .bar span {
    display: block;
    height: 100%;
    border-radius: 6px;
  }
  .count {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .sides {
    display: flex;
    gap: 12px;
    font-size: 13px;
  }
  .swatch {
    display: inline-block;
    width: 10px;
    height: 10px;
    margin-inline-end: 4px;
    border-radius: 2px;
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
    gap: 8px;
  }
  .figure {
    padding: 6px 8px;
    border: 1px solid #e2e8f0;
    border-radius: 8px;
  }
  .figure .label {
    font-size: 12px;
    color: #475569;
  }
  .figure .value {
    font-size: 20px;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .figure .value.null {
    font-size: 13px;
    font-weight: 400;
    color: #64748b;
  }
  .figure svg {
    display: block;
    width: 100%;
    height: 24px;
  }
  .error {
    color: #b91c1c;
  }
  :host([projected]) {
    font-size: 17px;
  }
`

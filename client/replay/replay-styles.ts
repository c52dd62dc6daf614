import { css } from 'lit'

export const replayStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 10px;
    height: 100%;
    box-sizing: border-box;
    padding: 12px 16px;
    font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    color: #0f172a;
  }
  header {
    display: flex;
    align-items: center;
    gap: 16px;
    flex-wrap: wrap;
  }
  h1 {
    font-size: 18px;
    margin: 0;
  }
  .controls,
  .options {
    display: flex;
    align-items: center;
    gap: 8px;
    flex-wrap: wrap;
  }
  .scrubber {
    flex: 1;
    min-width: 200px;
  }
  button {
    font-size: 16px;
    min-width: 36px;
    min-height: 32px;
    border: 1px solid #94a3b8;
    border-radius: 6px;
    background: #fff;
    cursor: pointer;
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible,
  .events:focus-visible {
    outline: 2px solid #2563eb;
    outline-offset: 2px;
  }
  .clock {
    font-variant-numeric: tabular-nums;
    min-width: 6em;
  }
  .legend span {
    display: inline-block;
    padding: 1px 8px;
    margin-right: 4px;
    border-radius: 4px;
    border: 1px solid #94a3b8;
  }
  .body {
    flex: 1;
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(260px, 360px);
    gap: 12px;
    min-height: 0;
  }
  .side {
    display: flex;
    flex-direction: column;
    gap: 10px;
    min-height: 0;
  }
  .events {
    margin: 0;
    padding: 0 0 0 2.5em;
    overflow-y: auto;
    max-height: 50vh;
    border: 1px solid #cbd5e1;
    border-radius: 8px;
    background: #fff;
  }
  .events li {
    padding: 4px 6px;
    cursor: pointer;
  }
  .events li[aria-current='true'] {
    background: #dbeafe;
    font-weight: 600;
  }
  .events li.future {
    color: #64748b;
  }
  /* Faded by colour, not opacity, so faded text keeps a readable contrast (4.7:1). */
  .events li.faded,
  .events li.faded time {
    color: #64748b;
    font-weight: 400;
  }
  .events time {
    font-variant-numeric: tabular-nums;
    color: #475569;
    margin-right: 6px;
  }
  .badge {
    margin-left: 6px;
    padding: 0 6px;
    border-radius: 999px;
    background: #ede9fe;
    color: #5b21b6;
    font-size: 12px;
  }
  .error {
    color: #b91c1c;
  }
  /*
   * Below the width where the map and a 260 px list fit side by side (at 600 px the map was 196 px
   * wide, at 390 px 2 px) the map goes above the list with a height of its own, and the page scrolls.
   */
  @media (max-width: 720px) {
    :host {
      height: auto;
      min-height: 100%;
    }
    .body {
      flex: none;
      grid-template-columns: minmax(0, 1fr);
    }
    cg-replay-map {
      height: max(300px, 55vh);
    }
  }
`

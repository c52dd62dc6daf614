import { css } from 'lit'

export const reportStyles = css`
  :host {
    display: block;
    max-width: 1120px;
    margin: 0 auto;
    padding: 16px 20px 40px;
    box-sizing: border-box;
    color: #0f172a;
    font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: space-between;
    gap: 12px;
  }
  h1 {
    font-size: 1.5rem;
    margin: 0 0 2px;
  }
  h2 {
    font-size: 1.15rem;
    margin: 28px 0 10px;
    padding-bottom: 4px;
    border-bottom: 1px solid #cbd5e1;
  }
  h3 {
    font-size: 1rem;
    margin: 0;
  }
  p {
    margin: 4px 0;
  }
  .muted {
    color: #475569;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
  }
  label {
    font-weight: 600;
    font-size: 14px;
  }
  select,
  button {
    font: inherit;
    font-size: 14px;
    min-height: 34px;
    padding: 4px 10px;
    border: 1px solid #64748b;
    border-radius: 6px;
    background: #fff;
    color: #0f172a;
  }
  button {
    cursor: pointer;
  }
  button.primary {
    background: #1e40af;
    border-color: #1e40af;
    color: #fff;
  }
  button:focus-visible,
  select:focus-visible,
  summary:focus-visible,
  .table-scroll:focus-visible {
    outline: 2px solid #2563eb;
    outline-offset: 2px;
  }
  .metrics {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
    gap: 12px;
  }
  .metric {
    border: 1px solid #cbd5e1;
    border-radius: 10px;
    padding: 10px 12px;
    background: #fff;
  }
  .value {
    font-size: 1.5rem;
    font-weight: 700;
    margin: 2px 0;
  }
  .value.null {
    font-size: 1.05rem;
    font-style: italic;
    color: #475569;
  }
  .range {
    font-size: 0.85rem;
    color: #475569;
  }
  details {
    font-size: 0.9rem;
    margin: 4px 0;
  }
  summary {
    cursor: pointer;
    color: #1e40af;
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(340px, 1fr));
    gap: 16px;
  }
  .charts cg-chart {
    --chart-height: 260px;
  }
  table {
    border-collapse: collapse;
    margin: 10px 0;
    font-size: 0.9rem;
  }
  /*
   * A table wider than a phone (the pulse table is 467 px) scrolls inside a region of its own, not
   * the page sideways; the region is named by the table's caption and is in the tab order, so it
   * can be scrolled from the keyboard.
   */
  .table-scroll {
    max-width: 100%;
    overflow-x: auto;
    /* The table's margin, which a scrolling box would no longer collapse with the heading's. */
    margin: 10px 0;
    /*
     * A shadow at an edge with more table beyond it, so a phone shows that the table goes on: the
     * shadows stay with the box (scroll), the covers in the page's colour move with the table (local)
     * and hide each shadow once that end is reached.
     */
    background:
      linear-gradient(to right, #f8fafc 40%, rgb(248 250 252 / 0)) left / 28px 100% no-repeat local,
      linear-gradient(to left, #f8fafc 40%, rgb(248 250 252 / 0)) right / 28px 100% no-repeat local,
      radial-gradient(farthest-side at 0 50%, rgb(15 23 42 / 0.28), transparent) left / 12px 100% no-repeat scroll,
      radial-gradient(farthest-side at 100% 50%, rgb(15 23 42 / 0.28), transparent) right / 12px 100% no-repeat scroll;
  }
  .table-scroll table {
    margin: 0;
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding-bottom: 4px;
  }
  th,
  td {
    border: 1px solid #cbd5e1;
    padding: 3px 8px;
    text-align: right;
  }
  th:first-child,
  td:first-child {
    text-align: left;
  }
  /* Centred, and a small network drawn larger on a wide page (it sat at 420 px in a 1,120 px column). */
  .network svg {
    display: block;
    margin: 0 auto;
    min-width: min(100%, 560px);
    max-width: 100%;
    height: auto;
  }
  .map-picture {
    margin: 8px 0;
  }
  .map-picture svg {
    display: block;
    width: 100%;
    height: auto;
    max-height: 70vh;
    border: 1px solid #cbd5e1;
    border-radius: 8px;
    background: #fff;
  }
  .error {
    color: #b91c1c;
    font-weight: 600;
  }
  ul.baseline {
    padding-left: 1.2rem;
  }
  .harvest-table {
    border-collapse: collapse;
    width: 100%;
    max-width: 44rem;
  }
  .harvest-table th,
  .harvest-table td {
    padding: 6px 8px;
    border-bottom: 1px solid #e2e8f0;
    text-align: start;
    font-weight: 400;
  }
  .harvest-table td.value {
    width: 7em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .harvest-table td.bar {
    width: 40%;
  }
  .harvest-table td.bar span {
    display: block;
    height: 10px;
    border-radius: 5px;
    background: #0e7490;
  }
`

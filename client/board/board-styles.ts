import { css } from 'lit'
import { srOnlyStyles } from '../sr-only-styles'

/**
 * Where the map is small (a phone, a narrow or a short frame) the toolbar takes its own row under the
 * map instead of floating over it: beside a floating toolbar there is too little map to use, and what
 * it covers is lost (a map too tall for the screen always has concepts or phrases under it, whatever
 * Fit does).
 */
const toolbarInItsOwnRow = css`
  .stage {
    display: grid;
    grid-template-rows: minmax(0, 1fr) auto;
    background: #fff;
  }
  cg-canvas {
    position: relative;
    inset: auto;
    min-height: 0;
    border-bottom: 1px solid #e2e8f0;
  }
  cg-facilitator-bar {
    --cg-clear-toolbar: 58px;
  }
  .dock {
    position: relative;
    inset: auto;
    /* Its More menu opens upwards over the map: above the colour panel of a selected concept. */
    z-index: 6;
  }
  cg-toolbar {
    margin: 6px 0;
  }
  /* The side panels take the map's row, not the toolbar's too: the toolbar (above them, for its menu)
     covered the end of their lists. An absolutely placed grid item is placed in its grid area (both
     lines given: an auto line is the stage's edge). */
  cg-stream-panel,
  cg-live-panel {
    grid-row: 1 / 2;
  }
`

/** The board's frame: the header, the stage and what floats on it, the footer (banners are cg-board-notices'). */
export const boardStyles = [
  srOnlyStyles,
  css`
  :host {
    display: block;
    position: relative;
    /* The phone rules (More menu, avatar stack, panels above the toolbar) follow the board's own
       width through container queries: a narrow <cg-board> in a wide page is a small frame too. */
    container-type: inline-size;
    height: 100%;
    min-height: 320px;
    color: #0f172a;
    font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  }
  .frame {
    display: grid;
    grid-template-rows: auto auto 1fr auto;
    /* The board is as wide as its box whatever its content asks: a header row that would not fit
       (a short frame's) made the frame wider than an iframe, which cut off its right end. */
    grid-template-columns: minmax(0, 1fr);
    height: 100%;
  }
  footer.exports {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    padding: 0.25rem 0.75rem;
  }
  /* The facilitator's controls share their rows with Export: at 720 px the bar took a row of its own and
     wrapped More to a second, Export made a third (map height lost). Its buttons wrap inside it instead. */
  footer cg-facilitator-bar {
    flex: 1 1 0;
  }
  /* On the bar's last row when it wraps (centred between two rows it was on neither). */
  footer .end {
    align-self: flex-end;
    display: flex;
    gap: 8px;
    margin-inline-start: auto;
  }
  footer button {
    padding: 6px 12px;
    border: 1px solid #64748b;
    border-radius: 8px;
    background: #fff;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px 16px;
    padding: 10px 16px;
    border-bottom: 1px solid #e2e8f0;
    background: #fff;
  }
  .titles {
    flex: 1 1 20em;
    min-width: 0;
  }
  .title {
    margin: 0;
    color: #475569;
    font-size: 12px;
    letter-spacing: 0.04em;
    text-transform: uppercase;
  }
  h1 {
    margin: 2px 0 0;
    font-size: 18px;
    line-height: 1.3;
  }
  cg-presence {
    flex: 0 1 auto;
  }
  .stage {
    position: relative;
    min-height: 0;
  }
  cg-canvas {
    position: absolute;
    inset: 0;
  }
  /* The facilitator bar's messages show above the toolbar floating 16 px over the map's bottom. */
  cg-facilitator-bar {
    --cg-clear-toolbar: 66px;
  }
  /* The toolbar floats centred over the part of the map left free: beside an open side panel, not under
     it (the panel hid the toolbar's right end in a 900 px embed). The dock is the toolbar's container, so
     a narrow free part gives it the More menu as a narrow board does; it passes the map's presses through. */
  .dock {
    position: absolute;
    left: 0;
    right: var(--cg-side-panel, 0px);
    bottom: 16px;
    z-index: 3;
    display: flex;
    justify-content: center;
    container-type: inline-size;
    pointer-events: none;
  }
  .stage:has(> cg-stream-panel) {
    --cg-side-panel: 340px;
  }
  .stage:has(> cg-live-panel) {
    --cg-side-panel: 380px;
  }
  /* Ahead of the narrow board's rules below, which override it: '.stage cg-live-panel' weighs as much as
     '.stage > cg-live-panel', so after them it won, and a colour panel showed over a phone's live view. */
  cg-stream-panel,
  .stage cg-live-panel {
    position: absolute;
    top: 0;
    right: 0;
    bottom: 0;
    z-index: 4;
    /* As wide as the room the toolbar's dock leaves them (see .dock); a narrow board's whole width (below). */
    width: min(var(--cg-side-panel), 100%);
    /* Its border inside that width: the customer voice's went 1 px over the map's edge beside it. */
    box-sizing: border-box;
  }
  /* What floats over the map keeps left of an open side panel too (canvas-free-styles). */
  cg-canvas {
    --cg-map-covered: var(--cg-side-panel, 0px);
  }
  cg-toolbar {
    max-width: calc(100% - 24px);
    pointer-events: auto;
  }
  /* A phone or a narrow frame. */
  @container (max-width: 600px) {
    /* The header gives the map its height back: presence shares its row with the status (names
       shorten with an ellipsis first), tighter gaps. */
    header {
      gap: 6px 8px;
      padding: 8px 12px;
    }
    cg-presence {
      flex: 1 1 0;
      min-width: 120px;
    }
    /* A long focus question took four lines of a phone's header (more with the timer beside it): two
       lines, the rest on a tap (the heading takes focus, out of the Tab order); screen readers read it whole. */
    h1 {
      font-size: 16px;
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      overflow: hidden;
    }
    h1:focus {
      -webkit-line-clamp: unset;
      outline: none;
    }
    ${toolbarInItsOwnRow}
    /* A side panel covers the whole map here, as on a phone: from 380 to 600 px its 340 or 380 px left
       a sliver of map too narrow to use, the overview and the colour panel half under the panel. The
       map's overlays keep their places, under the panel (a selected concept's colour panel, at the
       bottom, covered the panel's list). */
    cg-canvas {
      --cg-map-covered: 0px;
    }
    .stage > cg-stream-panel,
    .stage > cg-live-panel {
      z-index: 6;
      width: 100%;
    }
  }
  /* A short frame (a phone on its side, a low embed): one row of header, the map, the toolbar's own row,
     one row of footer. With a wrapped header and footer and the toolbar floating over it, a phone on its
     side kept about 180 px of map for a customer and 60 px for a facilitator. */
  @media (max-height: 500px) {
    header {
      flex-wrap: nowrap;
      padding: 4px 12px;
      gap: 8px;
    }
    .title {
      display: none;
    }
    h1 {
      margin: 0;
      font-size: 16px;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    /* The avatar stack here, or one's own chip alone (cg-presence): small, and whole; the title gives way. */
    cg-presence {
      flex: none;
      min-width: 0;
    }
    footer.exports {
      flex-wrap: nowrap;
      padding-block: 2px;
    }
    .stream-toggle {
      white-space: nowrap;
    }
    /* A frame both short and narrow has no room for one row: the people and the status went under the
       Customer voice button and past the frame's edge. Its header wraps, the title on a row of its own. */
    @container (max-width: 600px) {
      header {
        flex-wrap: wrap;
      }
    }
    ${toolbarInItsOwnRow}
  }
  /* Projecting the live view puts the whole screen on the wall: names go from presence and cursors too
     (a custom property crosses the shadow boundaries of cg-presence and cg-cursors). */
  .frame:has(cg-live-panel[projected]) {
    --cg-person-names: none;
  }
  .stream-toggle {
    min-height: 36px;
    padding: 4px 12px;
    border: 1px solid #0e7490;
    border-radius: 8px;
    background: #ecfeff;
    color: #155e75;
    font: inherit;
    cursor: pointer;
  }
  .stream-toggle[aria-pressed='true'] {
    background: #0e7490;
    color: #fff;
  }
  /* A finger needs 44 px, as the toolbar's buttons have on a touch screen. */
  @media (pointer: coarse) {
    footer button,
    .stream-toggle {
      min-width: 44px;
      min-height: 44px;
    }
  }
  .stage cg-vote-panel {
    position: absolute;
    top: 12px;
    left: 12px;
    z-index: 4;
    max-height: calc(100% - 96px);
  }
  .refused {
    max-width: 32rem;
    margin: 10% auto 0;
    padding: 0 20px;
  }
  .refused h2 {
    font-size: 18px;
  }
`
]

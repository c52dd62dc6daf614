import { css } from 'lit'

/**
 * What floats over the map (the colour panel, Find, the overview, the empty map's hint) keeps to the
 * part of it no side panel covers: at 720 px the live view (380 px) hid the colour panel's right half
 * and the find bar covered the live view's heading and close button. cg-board gives the covered width
 * (--cg-map-covered, 0 on a narrow board, whose panels cover the whole map).
 */
export const canvasFreeStyles = css`
  .free {
    position: absolute;
    top: 0;
    left: 0;
    bottom: 0;
    right: var(--cg-map-covered, 0px);
    /* Presses on the map go through; the controls in it take their own. */
    pointer-events: none;
  }
  .free > cg-style-panel,
  .free > cg-find-bar,
  .free > cg-minimap {
    pointer-events: auto;
  }
  /* Beside each other at the top when the free part has room for both; else Find keeps the top right
     (it is typed in) and the colour panel comes under it, wrapping to the free part's width, rather
     than the two overlapping. A narrow board puts the colour panel at the bottom (cg-style-panel). */
  @container (min-width: 601px) {
    .free {
      display: flex;
      flex-direction: row-reverse;
      flex-wrap: wrap;
      align-items: flex-start;
      align-content: flex-start;
      gap: 8px;
      padding: 10px;
      box-sizing: border-box;
    }
    .free > cg-find-bar,
    .free > cg-style-panel {
      position: static;
      max-width: 100%;
    }
    .free > cg-find-bar {
      order: -1;
    }
    /* The left end of the row, or of its own row under Find; flipped (over a selected concept), the right end. */
    .free > cg-style-panel {
      margin-right: auto;
    }
    .free > cg-style-panel[flipped] {
      margin-right: 0;
      margin-left: auto;
    }
  }
  .hint {
    position: absolute;
    left: 50%;
    top: 50%;
    transform: translate(-50%, -50%);
    max-width: 28em;
    padding: 16px 20px;
    border-radius: 12px;
    background: rgb(255 255 255 / 0.9);
    color: #334155;
    font: 15px/1.45 system-ui, sans-serif;
    text-align: center;
    pointer-events: none;
  }
  kbd {
    font: 600 12px/1 ui-monospace, monospace;
    padding: 2px 5px;
    border: 1px solid #94a3b8;
    border-radius: 4px;
    background: #fff;
  }
`

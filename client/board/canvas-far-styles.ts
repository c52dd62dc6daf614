import { css } from 'lit'

/** Styles of the map far out, where a canvas draws it over the hidden DOM map (see canvas-far.ts). */
export const canvasFarStyles = css`
  /* Further still the map is drawn on a canvas (see canvas-far.ts): the DOM map stays for hit
     testing, focus and screen readers, transparent, and Blink paints nothing of it. */
  /* MARGIN (canvas-far.ts) beyond the view on each side; its own layer, so a pan only moves it. */
  .far-canvas {
    position: absolute;
    left: -96px;
    top: -96px;
    width: calc(100% + 192px);
    height: calc(100% + 192px);
    pointer-events: none;
    will-change: transform;
  }
  .far-canvas[hidden] {
    display: none;
  }
  /*
   * Hidden, not transparent: Blink records everything that opacity hides (only its raster is skipped),
   * and layerising thousands of invisible chunks cost more than painting them. Hidden items take no
   * hits: far out the canvas finds the concept under a press by geometry (farConceptAt). The item with
   * the roving tabindex stays focusable, and heard (visible, transparent); the arrows, which nothing
   * hits or reads, leave the page altogether. The other groups skip layout and paint too (a phone's
   * frame of remote moves on 1,000 concepts: main-thread CPU 0.86x); their items are measured near.
   */
  .world.far > .backdrop,
  .world.far > .map > .group {
    visibility: hidden;
  }
  .world.far > .map > .group:not(:has([tabindex='0'])) {
    content-visibility: hidden;
  }
  .world.far .box[tabindex='0'],
  .world.far .link-label[tabindex='0'] {
    visibility: visible;
    opacity: 0;
  }
  .world.far > .edges {
    display: none;
  }
  .world.far .box {
    color: transparent;
    border-radius: 3px;
  }
  .world.far .link-label {
    color: transparent;
    background: none;
  }
`

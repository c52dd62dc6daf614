import { css } from 'lit'

/** Styles of the map and of the light-DOM concepts and links inside it. */
export const canvasStyles = css`
  :host {
    display: block;
    position: relative;
    overflow: hidden;
    background-color: #f8fafc;
    touch-action: none;
    user-select: none;
    -webkit-user-select: none;
  }
  .viewport {
    position: absolute;
    inset: 0;
    overflow: hidden;
    cursor: default;
  }
  .viewport.panning {
    cursor: grabbing;
  }
  /* While panning nothing under the pointer matters: skip hit-testing thousands of elements. */
  .viewport.panning .world {
    pointer-events: none;
  }
  .map {
    position: absolute;
    left: 0;
    top: 0;
    outline: none;
  }
  /* The listbox is a point in the moving layer; its focus ring is drawn around the whole view. */
  .viewport:has(.map:focus-visible)::after {
    content: '';
    position: absolute;
    inset: 0;
    box-shadow: inset 0 0 0 3px #2563eb;
    pointer-events: none;
  }
  .world {
    position: absolute;
    left: 0;
    top: 0;
    width: 0;
    height: 0;
    transform-origin: 0 0;
  }
  .world.moving {
    will-change: transform;
  }
  .backdrop {
    position: absolute;
    background-color: #f8fafc;
    /* An image tile rather than a gradient: much cheaper to raster. */
    background-image: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='24' height='24'%3E%3Ccircle cx='1.5' cy='1.5' r='1.2' fill='%23cbd5e1'/%3E%3C/svg%3E");
    background-size: 24px 24px;
    pointer-events: none;
  }
  /* Far out (text a few pixels tall) the map is an overview: no dot grid, no glyphs to draw (most of
     what repainting a thousand concepts costs). The text stays for screen readers and find-in-page. */
  .world.far > .backdrop {
    background-image: none;
  }
  /* Further still the map is drawn on a canvas: canvas-far-styles.ts. */
  .overlay {
    position: absolute;
    left: 0;
    top: 0;
    pointer-events: none;
  }
  .overlay > * {
    pointer-events: auto;
  }

  /* Layout boundaries: moving one item re-places only the few in its group (see inGroups). */
  .group {
    position: absolute;
    left: 0;
    top: 0;
    width: 0;
    height: 0;
    contain: size layout style;
  }
  cg-concept,
  cg-link {
    position: absolute;
    width: 0;
    height: 0;
    display: flex;
    align-items: center;
    justify-content: center;
  }
  .box {
    position: relative;
    flex: none;
    box-sizing: border-box;
    width: max-content;
    min-width: 64px;
    max-width: 220px;
    min-height: 36px;
    padding: 8px 14px;
    display: flex;
    align-items: center;
    justify-content: center;
    border: 1.5px solid #475569;
    border-radius: 10px;
    background: var(--fill, #fff);
    color: #0f172a;
    font: 500 14px/1.3 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    text-align: center;
    overflow-wrap: anywhere;
    cursor: grab;
    outline: none;
  }
  .box.shape-rectangle {
    border-radius: 2px;
  }
  .box.shape-ellipse {
    border-radius: 50%;
    padding: 12px 24px;
  }
  /* A diamond is drawn by two clipped layers (outline, then fill) behind the text; its box is wide
     enough that the text sits inside the diamond. */
  .box.shape-diamond {
    isolation: isolate;
    border-color: transparent;
    background: none;
    padding: 18px 34px;
  }
  .box.shape-diamond::before,
  .box.shape-diamond::after {
    content: '';
    position: absolute;
    z-index: -1;
    clip-path: polygon(50% 0, 100% 50%, 50% 100%, 0 50%);
  }
  .box.shape-diamond::before {
    inset: 0;
    background: #475569;
  }
  .box.shape-diamond::after {
    inset: 2.5px;
    background: var(--fill, #fff);
  }
  cg-link.hub-member:not(:focus-within) .link-label {
    opacity: 0;
    pointer-events: none;
  }
  .read-only .box {
    cursor: default;
  }
  /* A concept taken from the customer voice (the stream): a teal edge and a quote mark. */
  .box.from-stream {
    border-style: dashed;
    border-color: #0e7490;
  }
  .stream-badge {
    position: absolute;
    top: -9px;
    left: -9px;
    width: 18px;
    height: 18px;
    border-radius: 50%;
    background: #0e7490;
    color: #fff;
    font: 700 14px/20px Georgia, serif;
    text-align: center;
    pointer-events: none;
  }
  cg-concept.selected > .box {
    border-color: #2563eb;
    box-shadow: 0 0 0 2px #93c5fd;
  }
  cg-concept.marked > .box {
    box-shadow: 0 0 0 2px var(--mark);
  }
  cg-concept.selected.marked > .box {
    box-shadow: 0 0 0 2px #93c5fd, 0 0 0 4px var(--mark);
  }
  cg-concept.drop-target > .box {
    border-color: #16a34a;
    box-shadow: 0 0 0 3px #86efac;
  }
  .box:focus-visible,
  .link-label:focus-visible {
    outline: 3px solid #2563eb;
    outline-offset: 3px;
  }
  cg-concept.editing .label {
    visibility: hidden;
  }
  .label.empty,
  .link-label.empty {
    color: #64748b;
    font-style: italic;
  }
  .handle {
    position: absolute;
    right: -8px;
    top: 50%;
    width: 14px;
    height: 14px;
    margin-top: -7px;
    border-radius: 50%;
    background: #2563eb;
    border: 2px solid #fff;
    box-sizing: border-box;
    cursor: crosshair;
    /* Not opacity: a thousand hidden handles would each add an effect node to paint. */
    display: none;
  }
  /* Not while panning: the map slides under the pointer, and each hover flip would repaint. */
  /* A finger needs 44 px: the handle keeps its look and takes touches around it. */
  @media (pointer: coarse) {
    .handle::before {
      content: '';
      position: absolute;
      inset: calc(-1 * var(--handle-pad, 15px));
    }
  }
  .viewport:not(.panning) .box:hover > .handle,
  cg-concept.selected .handle,
  .box:focus-visible > .handle {
    display: block;
  }
  .marks {
    position: absolute;
    left: -2px;
    bottom: 100%;
    margin-bottom: 3px;
    display: flex;
    gap: 2px;
    pointer-events: none;
  }
  .mark.person {
    display: var(--cg-person-names, block);
  }
  /* Drawn, not written: as text a name tag was part of the concept's visible label (axe 4.14). */
  .mark::before {
    content: attr(data-name);
  }
  .mark {
    color: #fff;
    font: 600 11px/1 system-ui, sans-serif;
    padding: 2px 5px;
    border-radius: 4px;
    white-space: nowrap;
    font-style: normal;
  }

  .edges {
    position: absolute;
    left: 0;
    top: 0;
    pointer-events: none;
  }
  .edges > svg {
    position: absolute;
    left: 0;
    top: 0;
    width: 1px;
    height: 1px;
    overflow: visible;
  }
  .edges .line {
    fill: none;
    stroke: #64748b;
    stroke-width: 1.5;
  }
  .edges marker path {
    fill: #64748b;
  }
  .edges .line.selected {
    stroke: #2563eb;
    stroke-width: 2.5;
  }
  .edges marker.selected path {
    fill: #2563eb;
  }
  .link-label {
    position: relative;
    flex: none;
    width: max-content;
    max-width: 160px;
    padding: 1px 5px;
    border-radius: 4px;
    background: #f8fafc;
    color: #334155;
    font: 13px/1.25 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    text-align: center;
    overflow-wrap: anywhere;
    cursor: pointer;
  }
  cg-link.selected .link-label {
    background: #dbeafe;
    color: #1e3a8a;
  }
  cg-link.marked .link-label {
    box-shadow: 0 0 0 2px var(--mark);
  }
  cg-link.editing .link-label {
    visibility: hidden;
  }

  .preview {
    position: absolute;
    left: 0;
    top: 0;
    width: 1px;
    height: 1px;
    overflow: visible;
    pointer-events: none;
  }
  .preview path {
    fill: none;
    stroke: #2563eb;
    stroke-width: 2;
    stroke-dasharray: 6 4;
  }
  /* Over the map while the wheel turns (see CanvasGestures.shieldWhileWheeling). */
  .shield {
    display: none;
    position: absolute;
    inset: 0;
  }
  .viewport.wheeling > .shield {
    display: block;
  }
  .marquee {
    position: absolute;
    border: 1px solid #2563eb;
    background: rgb(37 99 235 / 0.08);
    pointer-events: none;
  }
`

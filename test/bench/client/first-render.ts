// The first screen is complete: all of the map's data has arrived, every concept and phrase on
// screen has its element, and every concept element has been measured. (Elements away from the
// view are no longer required: large maps draw only what is near it, see client/board/canvas-cull.ts.
// A build that draws everything passes the same test when its single render is measured.)
export const FIRST_RENDER = (concepts: number, links: number) => `(() => {
  const canvas = document.querySelector('cg-board')?.shadowRoot?.querySelector('cg-canvas')
  const root = canvas?.shadowRoot
  if (!root || !canvas.synced || canvas.concepts.size !== ${concepts} || canvas.links.size < ${links - 50}) return false
  const v = canvas.visibleView()
  const on = (x, y, w, h) => x + w / 2 >= v.x && x - w / 2 <= v.x + v.w && y + h / 2 >= v.y && y - h / 2 <= v.y + v.h
  const conceptEls = new Set([...root.querySelectorAll('cg-concept')].map((e) => e.concept.id))
  for (const [id, b] of canvas.boxes) if (on(b.x, b.y, b.w, b.h) && !conceptEls.has(id)) return false
  for (const id of conceptEls) if (!canvas.sizes.has(id)) return false
  const linkEls = new Set([...root.querySelectorAll('cg-link')].map((e) => e.link.id))
  for (const [id, g] of canvas.model.geometries) if (on(g.geometry.label.x, g.geometry.label.y, 0, 0) && !linkEls.has(id)) return false
  return performance.now()
})()`

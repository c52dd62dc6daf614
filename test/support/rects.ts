/** A box on screen, as Playwright's boundingBox and getBoundingClientRect give it. */
export type Rect = { x: number; y: number; width: number; height: number }

/** Whether two boxes share any area (touching edges do not). */
export const overlap = (a: Rect, b: Rect): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/** Whether `a` lies wholly within `b`. */
export const inside = (a: Rect, b: Rect): boolean => a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height

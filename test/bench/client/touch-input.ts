import type { CDPSession } from 'playwright-core'

/**
 * Real touch input through the DevTools protocol (what a phone's fingers send; Chromium turns it
 * into pointer events of type touch), one move per `stepMs` until `ms` has passed.
 */
type Point = { x: number; y: number }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function touches(cdp: CDPSession, type: 'touchStart' | 'touchMove' | 'touchEnd', points: Point[]): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p, id) => ({ x: p.x, y: p.y, id })) })
}

/** One finger from `start`, wandering around it by up to `reach` px. */
export async function fingerDrag(cdp: CDPSession, start: Point, ms: number, reach: { x: number; y: number }, stepMs = 8): Promise<void> {
  await touches(cdp, 'touchStart', [start])
  const t0 = Date.now()
  for (let i = 1; Date.now() - t0 < ms; i++) {
    await touches(cdp, 'touchMove', [{ x: start.x + Math.sin(i / 20) * reach.x, y: start.y + (1 - Math.cos(i / 25)) * reach.y }])
    await sleep(stepMs)
  }
  await touches(cdp, 'touchEnd', [])
}

/** Two fingers either side of `centre`, spreading apart and pinching together in turn. */
export async function pinch(cdp: CDPSession, centre: Point, ms: number, stepMs = 8): Promise<void> {
  const at = (d: number): Point[] => [
    { x: centre.x - d / 2, y: centre.y - d / 4 },
    { x: centre.x + d / 2, y: centre.y + d / 4 }
  ]
  await touches(cdp, 'touchStart', at(190))
  const t0 = Date.now()
  for (let i = 1; Date.now() - t0 < ms; i++) {
    await touches(cdp, 'touchMove', at(190 + 110 * Math.sin(i / 20)))
    await sleep(stepMs)
  }
  await touches(cdp, 'touchEnd', [])
}

import type { Point } from './geometry'

export type Direction = 'left' | 'right' | 'up' | 'down'

/**
 * The item an arrow key moves to: the nearest one lying in that direction (within 60° either side
 * of it), with sideways distance weighing double so that the move follows the arrow.
 */
export function nearestInDirection<T extends Point>(from: Point, items: Iterable<T>, dir: Direction): T | null {
  let best: T | null = null
  let bestScore = Infinity
  for (const item of items) {
    const dx = item.x - from.x
    const dy = item.y - from.y
    const along = dir === 'right' ? dx : dir === 'left' ? -dx : dir === 'down' ? dy : -dy
    const across = Math.abs(dir === 'left' || dir === 'right' ? dy : dx)
    if (along <= 0.5 || across > along * 1.8) continue
    const score = along + 2 * across
    if (score < bestScore) {
      bestScore = score
      best = item
    }
  }
  return best
}

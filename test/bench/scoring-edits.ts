import * as Y from 'yjs'
import type { BoardRoom } from '../../server/sync/board-room'
import { prng } from '../support/prng'

/**
 * Drives `updates` edits through a room as a mixed brand/customer workshop makes them: concepts
 * created, linked, relabelled, reconnected, deleted and moved by `authors` (alternately brand and
 * customer ids, as the caller registers them), so every metric has work to do. One element per
 * update, so `updates` updates make about as many element events. Seeded: the same history each run.
 */
export async function applyScoringEdits(
  room: BoardRoom,
  updates: number,
  authors: readonly string[],
  pause: (i: number) => Promise<void> | void,
  seed = 7
): Promise<void> {
  const random = prng(seed)
  const concepts: string[] = []
  const links: string[] = []
  const pickFrom = (items: string[]) => items[Math.floor(random() * items.length)]!
  for (let i = 0; i < updates; i++) {
    const author = authors[Math.floor(random() * authors.length)]!
    const r = random()
    room.applyServerChange((doc) => {
      const cmap = doc.getMap<Y.Map<unknown>>('concepts')
      const lmap = doc.getMap<Y.Map<unknown>>('links')
      if (concepts.length < 2 || r < 0.08) {
        const id = `c${i}`
        const c = new Y.Map<unknown>()
        c.set('label', `idea ${i}`)
        c.set('x', i % 997)
        c.set('y', i % 613)
        cmap.set(id, c)
        concepts.push(id)
      } else if (r < 0.2) {
        const id = `l${i}`
        const l = new Y.Map<unknown>()
        l.set('from', pickFrom(concepts))
        l.set('to', pickFrom(concepts))
        l.set('label', 'relates to')
        lmap.set(id, l)
        links.push(id)
      } else if (r < 0.45) {
        cmap.get(pickFrom(concepts))?.set('label', `idea ${i}`)
      } else if (r < 0.55 && links.length > 0) {
        lmap.get(pickFrom(links))?.set('label', `phrase ${i}`)
      } else if (r < 0.6 && links.length > 0) {
        lmap.get(pickFrom(links))?.set('to', pickFrom(concepts))
      } else if (r < 0.62 && links.length > 10) {
        const at = Math.floor(random() * links.length)
        lmap.delete(links[at]!)
        links.splice(at, 1)
      } else if (r < 0.63 && concepts.length > 10) {
        const at = Math.floor(random() * concepts.length)
        cmap.delete(concepts[at]!)
        concepts.splice(at, 1)
      } else {
        const c = cmap.get(pickFrom(concepts))
        c?.set('x', (i * 7) % 997)
        c?.set('y', (i * 13) % 613)
      }
    }, author)
    await pause(i)
  }
}

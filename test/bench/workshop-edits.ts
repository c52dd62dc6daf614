import * as Y from 'yjs'
import type { BoardRoom } from '../../server/sync/board-room'

/**
 * Drives `updates` edits through a room as a workshop makes them: 1,000 concepts, each update a
 * relabel (one in three) or a move, from 50 participants. `pause` lets the caller spread arrival
 * times or yield to I/O every so often.
 */
export async function applyWorkshopEdits(
  room: BoardRoom,
  updates: number,
  pause: (i: number) => Promise<void> | void,
  concepts = 1000
): Promise<void> {
  for (let i = 0; i < updates; i++) {
    room.applyServerChange((doc) => {
      const map = doc.getMap<Y.Map<unknown>>('concepts')
      const id = `c${i % concepts}`
      let c = map.get(id)
      if (!c) {
        c = new Y.Map()
        map.set(id, c)
      }
      if (i % 3 === 0) c.set('label', `label ${i}`)
      else {
        c.set('x', i % 997)
        c.set('y', i % 613)
      }
    }, `p${i % 50}`)
    await pause(i)
  }
}

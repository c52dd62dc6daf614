import { readBoardMap } from '../../shared/schema/board-doc'
import type { BoardMap } from '../../shared/schema/board-map'
import type { RoomRegistry } from '../sync/room-registry'
import { historyServiceOf } from './history-service'
import { boardDocAt } from './journal-map-at'

export { boardDocAt } from './journal-map-at'

/**
 * The map as it stands now, or as it stood at `at` (epoch ms): from the derived history (keyframe
 * plus plain changes, no Yjs) when the registry has a history service, else from the journal.
 */
export async function mapAt(registry: RoomRegistry, boardId: string, at?: number): Promise<BoardMap> {
  const service = historyServiceOf(registry)
  if (service) return (await service.mapAt(boardId, at)).map
  const room = await registry.room(boardId)
  if (at === undefined || at >= room.lastAt) return readBoardMap(room.doc)
  const doc = await boardDocAt(room.journal, at)
  try {
    return readBoardMap(doc)
  } finally {
    doc.destroy()
  }
}

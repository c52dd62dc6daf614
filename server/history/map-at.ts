import { readBoardMap } from '../../shared/schema/board-doc'
import type { BoardMap } from '../../shared/schema/board-map'
import type { RoomRegistry } from '../sync/room-registry'
import type { HistoryService } from './history-service'
import { journalMapAt } from './journal-map-at'

/**
 * The map as it stands now, or as it stood at `at` (epoch ms): from the derived history (keyframe
 * plus plain changes, no Yjs) when the server runs one, else from the journal. The caller passes the
 * history service it holds (absent in apps built without derived history).
 */
export async function mapAt(registry: RoomRegistry, history: HistoryService | undefined, boardId: string, at?: number): Promise<BoardMap> {
  if (history) return (await history.mapAt(boardId, at)).map
  const room = await registry.room(boardId)
  if (at === undefined || at >= room.lastAt) return readBoardMap(room.doc)
  return journalMapAt(room.journal, at)
}

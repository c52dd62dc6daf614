import { newId } from '../new-id'
import type { BoardRecord } from '../store/metadata'
import type { Store } from '../store/store'
import { SYSTEM_PARTICIPANT_ID } from '../sync/server-changes'
import { initialUpdate, type NewBoard } from './initial-update'

export type { NewBoard } from './initial-update'

/**
 * Creates a board: its journal first (holding the document's meta, and any starting map, as entry
 * 1), then its metadata record, so a board that is listed always has a journal. `update` is
 * initialUpdate(input) when the caller built it already (imports do, off the event loop).
 */
export async function createBoard(store: Store, input: NewBoard, now: number, update = initialUpdate(input)): Promise<BoardRecord> {
  const id = newId()
  const journal = await store.journals.open(id)
  try {
    await journal.load()
    await journal.append({ at: now, participantId: SYSTEM_PARTICIPANT_ID, update })
    await journal.flush()
  } finally {
    await journal.close()
  }
  const board: BoardRecord = {
    id,
    title: input.title,
    focusQuestion: input.focusQuestion,
    createdAt: now,
    locked: false,
    archived: false,
    allowedOrigins: []
  }
  await store.metadata.createBoard(board)
  return board
}

import * as Y from 'yjs'
import { boardTypes } from '../../shared/schema/board-doc'
import { SCHEMA_VERSION } from '../../shared/schema/migrations'
import { newId } from '../auth/access'
import type { BoardRecord, Store } from '../store/metadata'
import { SYSTEM_PARTICIPANT_ID } from '../sync/board-room'

export interface NewBoard {
  title: string
  focusQuestion: string
}

/**
 * Creates a board: its journal first (holding the document's meta as entry 1), then its metadata
 * record, so a board that is listed always has a journal.
 */
export async function createBoard(store: Store, input: NewBoard, now: number): Promise<BoardRecord> {
  const id = newId()
  const doc = new Y.Doc()
  const { meta } = boardTypes(doc)
  doc.transact(() => {
    meta.set('title', input.title)
    meta.set('focusQuestion', input.focusQuestion)
    meta.set('schemaVersion', SCHEMA_VERSION)
  })
  const journal = await store.journals.open(id)
  try {
    await journal.load()
    await journal.append({ at: now, participantId: SYSTEM_PARTICIPANT_ID, update: Y.encodeStateAsUpdate(doc) })
    await journal.flush()
  } finally {
    await journal.close()
    doc.destroy()
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

import * as Y from 'yjs'
import { readBoardMap } from '../../shared/schema/board-doc'
import type { BoardMap } from '../../shared/schema/board-map'
import { replayJournal } from '../sync/journal-replay'
import type { BoardJournal } from '../store/journal'

/**
 * The board's document as it stood at `at` (epoch ms), from the journal alone (replayJournal by time).
 * Slow on heavily edited boards (Yjs decoding); the fallback when the derived history is unavailable.
 */
export async function boardDocAt(journal: BoardJournal, at: number): Promise<Y.Doc> {
  const doc = new Y.Doc()
  try {
    await replayJournal(journal, { at }, doc)
    return doc
  } catch (e) {
    doc.destroy()
    throw e
  }
}

/** The map as it stood at `at`, from the journal alone: the fallback wherever derived history cannot answer. */
export async function journalMapAt(journal: BoardJournal, at: number): Promise<BoardMap> {
  const doc = await boardDocAt(journal, at)
  try {
    return readBoardMap(doc)
  } finally {
    doc.destroy()
  }
}

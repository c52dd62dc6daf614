import * as Y from 'yjs'
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

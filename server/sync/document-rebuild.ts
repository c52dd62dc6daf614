import * as Y from 'yjs'
import type { BoardJournal, JournalEntry, LoadedJournal } from './journal-port'
import { replayJournal } from './journal-replay'

/** A fixed guid: Yjs would otherwise generate a uuid (32 crypto calls) per load; boards have no subdocs. */
const newBoardDoc = () => new Y.Doc({ guid: 'board' })

/** The board as `BoardJournal.load` read it: the checkpoint, then the entries after it. */
export function loadedDocument(loaded: LoadedJournal): Y.Doc {
  const doc = newBoardDoc()
  if (loaded.checkpoint) Y.applyUpdateV2(doc, loaded.checkpoint.state)
  if (loaded.tail.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(loaded.tail.map((e) => e.update)))
  return doc
}

/**
 * The board as the journal holds it up to `seq`, the same state a load gives (replayJournal). `ahead`
 * are entries this instance committed past `seq` (already in the room's document, see SeqOrder) and
 * are applied last. Everything journaled is exactly
 * what every client has been shown, so the result can replace a room's document that an update left
 * half-applied. Throws if the journal cannot be read that far.
 */
export async function rebuildDocument(
  journal: BoardJournal,
  seq: number,
  ahead: readonly JournalEntry[] = [],
  /** Types the empty document first, as a loaded room's is (see RoomPolicy.declareTypes). */
  declareTypes: (doc: Y.Doc) => void = () => {}
): Promise<Y.Doc> {
  const doc = newBoardDoc()
  declareTypes(doc)
  try {
    await replayJournal(journal, { seq }, doc)
    for (const entry of ahead) Y.applyUpdate(doc, entry.update)
    return doc
  } catch (e) {
    doc.destroy()
    throw e
  }
}

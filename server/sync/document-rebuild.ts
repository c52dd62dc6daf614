import * as Y from 'yjs'
import { boardTypes } from '../../shared/schema/board-doc'
import type { BoardJournal, JournalEntry, LoadedJournal } from './journal-port'

const PAGE = 1000

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
 * The board as the journal holds it up to `seq`, the same state a load gives: the newest checkpoint at
 * or below `seq`, then the entries after it. `ahead` are entries this instance committed past `seq`
 * (already in the room's document, see SeqOrder) and are applied last. Everything journaled is exactly
 * what every client has been shown, so the result can replace a room's document that an update left
 * half-applied. Throws if the journal cannot be read that far.
 */
export async function rebuildDocument(journal: BoardJournal, seq: number, ahead: readonly JournalEntry[] = []): Promise<Y.Doc> {
  const doc = newBoardDoc()
  // Typed as a loaded room's document is (its migrations do it): changes are read from these as maps.
  boardTypes(doc)
  try {
    let after = 0
    const usable = (await journal.checkpoints()).filter((c) => c.seq <= seq)
    for (let i = usable.length - 1; i >= 0; i--) {
      // Gone or damaged since it was listed: an older one (or the whole journal) will do.
      const checkpoint = await journal.readCheckpoint(usable[i]!.seq)
      if (!checkpoint) continue
      Y.applyUpdateV2(doc, checkpoint.state)
      after = checkpoint.seq
      break
    }
    while (after < seq) {
      const entries = await journal.read(after, Math.min(PAGE, seq - after))
      if (entries.length === 0) throw new Error(`journal ends at seq ${after}, the room is at ${seq}`)
      entries.forEach((e, i) => {
        if (e.seq !== after + 1 + i) throw new Error(`journal skips from seq ${after + i} to ${e.seq}`)
      })
      // Other boards' messages run between pages: one board's rebuild does not stall every board.
      await new Promise<void>((resolve) => setImmediate(resolve))
      Y.applyUpdate(doc, Y.mergeUpdates(entries.map((e) => e.update)))
      after += entries.length
    }
    for (const entry of ahead) Y.applyUpdate(doc, entry.update)
    return doc
  } catch (e) {
    doc.destroy()
    throw e
  }
}

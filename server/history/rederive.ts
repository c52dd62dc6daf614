import * as Y from 'yjs'
import { readBoardMap } from '../../shared/schema/board-doc'
import type { BoardMap } from '../../shared/schema/board-map'
import type { BoardJournal, JournalEntry } from '../store/journal'
import { ChangeCollector, type AcceptedChanges } from './accepted-changes'
import { replayJournal } from '../sync/journal-replay'

const PAGE = 500

/**
 * Derives again, from the journal alone, what the room derived live for entries (fromSeq, toSeq]:
 * the document is rebuilt as of `fromSeq` (replayJournal), then each entry is applied in its own transaction, exactly as the room applied it.
 * Used when the derived history is missing or behind the journal (a crash between the journal
 * append and the derived append, or a board older than derived history).
 */
export async function rederive(
  journal: BoardJournal,
  fromSeq: number,
  toSeq: number,
  handlers: {
    /** The map as of `fromSeq`, before any entry is visited. */
    start(map: BoardMap): void
    /** Each entry with what it changed; awaited, so the caller can write in pages. */
    entries(batch: Array<{ entry: JournalEntry; changes: AcceptedChanges }>): Promise<void>
    /** Checked between pages: stop early (the room is closing). */
    stopped(): boolean
  }
): Promise<void> {
  const doc = new Y.Doc({ guid: 'board' }) // fixed guid: skips Yjs's uuid (32 crypto calls)
  try {
    let after = await replayJournal(journal, { seq: fromSeq }, doc)
    handlers.start(readBoardMap(doc))
    const collector = new ChangeCollector()
    doc.on('afterTransaction', collector.observe)
    while (after < toSeq && !handlers.stopped()) {
      const entries = await journal.read(after, Math.min(PAGE, toSeq - after))
      if (entries.length === 0) throw new Error(`journal ends before entry ${toSeq}`)
      const batch: Array<{ entry: JournalEntry; changes: AcceptedChanges }> = []
      for (const entry of entries) {
        collector.reset()
        Y.applyUpdate(doc, entry.update)
        batch.push({ entry, changes: collector.take() })
      }
      await handlers.entries(batch)
      after = entries[entries.length - 1]!.seq
      // Long rebuilds share the event loop with live boards.
      await new Promise((r) => setImmediate(r))
    }
  } finally {
    doc.destroy()
  }
}

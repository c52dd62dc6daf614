import * as Y from 'yjs'
import type { BoardJournal } from '../store/journal'

const PAGE = 2000

/**
 * The board's document as it stood at `at` (epoch ms), from the journal alone: the newest checkpoint
 * taken at or before that moment, then every journal entry after it that had arrived by then. Slow on
 * heavily edited boards (Yjs decoding); the fallback when the derived history is unavailable.
 */
export async function boardDocAt(journal: BoardJournal, at: number): Promise<Y.Doc> {
  const doc = new Y.Doc()
  const usable = (await journal.checkpoints()).filter((c) => c.at <= at)
  let after = 0
  for (let i = usable.length - 1; i >= 0; i--) {
    const cp = await journal.readCheckpoint(usable[i]!.seq)
    if (!cp) continue
    Y.applyUpdateV2(doc, cp.state)
    after = cp.seq
    break
  }
  for (;;) {
    const entries = await journal.read(after, PAGE)
    const due = entries.filter((e) => e.at <= at)
    if (due.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(due.map((e) => e.update)))
    if (due.length < entries.length || entries.length < PAGE) break
    after = entries[entries.length - 1]!.seq
  }
  return doc
}

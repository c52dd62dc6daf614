import * as Y from 'yjs'
import type { BoardJournal } from './journal-port'

/** Up to where a replay goes: a journal position (seq) or a moment (epoch ms, by arrival time). */
export type JournalCut = { seq: number } | { at: number }

const PAGE = 2000

/**
 * The one "newest checkpoint, then the journal tail" reader: applies to `doc` the newest readable
 * checkpoint at or before `cut`, then every journal entry after it up to `cut`, and returns the last
 * seq applied. Room rebuilds (by seq), history rederivation (by seq) and maps at a moment (by time)
 * all start from it. A checkpoint gone or damaged since it was listed falls back to an older one
 * (or the whole journal). By seq the journal must reach `cut.seq` without a gap (the port promises
 * gap-free seqs), else it throws: a partial board must never pass for the real one.
 */
export async function replayJournal(journal: BoardJournal, cut: JournalCut, doc: Y.Doc): Promise<number> {
  const bySeq = 'seq' in cut
  let after = 0
  // From the start no checkpoint can help: skip listing them.
  if (!bySeq || cut.seq > 0) {
    const usable = (await journal.checkpoints()).filter((c) => (bySeq ? c.seq <= cut.seq : c.at <= cut.at))
    for (let i = usable.length - 1; i >= 0; i--) {
      const checkpoint = await journal.readCheckpoint(usable[i]!.seq)
      if (!checkpoint) continue
      Y.applyUpdateV2(doc, checkpoint.state)
      after = checkpoint.seq
      break
    }
  }
  for (;;) {
    if (bySeq && after >= cut.seq) return after
    const limit = bySeq ? Math.min(PAGE, cut.seq - after) : PAGE
    const entries = await journal.read(after, limit)
    // Arrival times never decrease (the port's promise), so the first late entry ends a replay by time.
    const due = bySeq ? entries : entries.filter((e) => e.at <= cut.at)
    if (bySeq && due.length === 0) throw new Error(`journal ends at seq ${after}, the replay goes to ${cut.seq}`)
    due.forEach((e, i) => {
      if (e.seq !== after + 1 + i) throw new Error(`journal skips from seq ${after + i} to ${e.seq}`)
    })
    if (due.length > 0) {
      Y.applyUpdate(doc, Y.mergeUpdates(due.map((e) => e.update)))
      after = due[due.length - 1]!.seq
    }
    if (!bySeq && (due.length < entries.length || entries.length < limit)) return after
    // Other boards' messages run between pages: one board's long replay does not stall every board.
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
}

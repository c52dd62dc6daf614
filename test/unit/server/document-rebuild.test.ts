import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { BoardJournal, Checkpoint, JournalEntry } from '../../../server/store/journal'
import { rebuildDocument } from '../../../server/sync/document-rebuild'

/** Entries 1..n, each adding concept `c<seq>`, and the board's state after each (for checkpoints). */
function history(n: number): { entries: JournalEntry[]; states: Uint8Array[] } {
  const doc = new Y.Doc()
  const entries: JournalEntry[] = []
  const states: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => entries.push({ seq: entries.length + 1, at: entries.length + 1, participantId: 'p', update }))
  for (let i = 1; i <= n; i++) {
    doc.getMap('concepts').set(`c${i}`, new Y.Map())
    states.push(Y.encodeStateAsUpdateV2(doc))
  }
  doc.destroy()
  return { entries, states }
}

/** Only what a rebuild reads; `pageLimit` caps each read below what was asked (a store may do that). */
function journalOf(entries: JournalEntry[], checkpoints: Checkpoint[], options: { pageLimit?: number; missing?: number[] } = {}): BoardJournal {
  const unused = () => {
    throw new Error('not used by a rebuild')
  }
  return {
    checkpoints: async () => checkpoints.map(({ seq, at }) => ({ seq, at })),
    readCheckpoint: async (seq) => (options.missing?.includes(seq) ? null : (checkpoints.find((c) => c.seq === seq) ?? null)),
    read: async (afterSeq, limit) => entries.filter((e) => e.seq > afterSeq).slice(0, Math.min(limit, options.pageLimit ?? limit)),
    load: unused,
    append: unused,
    onDurable: unused,
    onFailure: unused,
    flush: unused,
    writeCheckpoint: unused,
    close: unused
  }
}

const keys = (doc: Y.Doc) => [...doc.getMap('concepts').keys()].sort()

describe('rebuildDocument', () => {
  const { entries, states } = history(7)
  const checkpoint = (seq: number): Checkpoint => ({ seq, at: seq, state: states[seq - 1]! })

  it('starts from the newest checkpoint at or below seq and stops at seq, in pages', async () => {
    const journal = journalOf(entries, [checkpoint(2), checkpoint(4), checkpoint(6)], { pageLimit: 1 })
    const doc = await rebuildDocument(journal, 5)
    expect(keys(doc)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5'])
    // Typed as maps, as a loaded room's document is.
    expect(doc.share.get('concepts')).toBeInstanceOf(Y.Map)
    doc.destroy()
  })

  it('falls back to an older checkpoint (or none) when one cannot be read', async () => {
    const doc = await rebuildDocument(journalOf(entries, [checkpoint(2), checkpoint(4)], { missing: [4] }), 5)
    expect(keys(doc)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5'])
    doc.destroy()
    const none = await rebuildDocument(journalOf(entries, [checkpoint(4)], { missing: [4] }), 3)
    expect(keys(none)).toEqual(['c1', 'c2', 'c3'])
    none.destroy()
  })

  it('applies the entries committed ahead of seq last', async () => {
    // Another client's edit made on the board as of seq 3 (what the room's document held).
    const other = new Y.Doc()
    Y.applyUpdateV2(other, states[2]!)
    let update: Uint8Array | null = null
    other.on('update', (u: Uint8Array) => (update = u))
    other.getMap('concepts').set('ahead', new Y.Map())
    other.destroy()
    const doc = await rebuildDocument(journalOf(entries, []), 3, [{ seq: 8, at: 8, participantId: 'q', update: update! }])
    expect(keys(doc)).toEqual(['ahead', 'c1', 'c2', 'c3'])
    doc.destroy()
  })

  it('throws when the journal ends early or skips a seq', async () => {
    await expect(rebuildDocument(journalOf(entries.slice(0, 3), []), 5)).rejects.toThrow(/ends at seq 3/)
    await expect(rebuildDocument(journalOf([...entries.slice(0, 2), ...entries.slice(3)], []), 5)).rejects.toThrow(/skips/)
  })
})

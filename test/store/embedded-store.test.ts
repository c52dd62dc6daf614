import { appendFile, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../server/log'
import { openEmbeddedStore } from '../../server/store/embedded/embedded-store'
import { JournalDamagedError, type JournalStore } from '../../server/store/journal'
import { journalStoreContract } from './journal-contract'

const log = createLogger('silent')

async function embedded() {
  const dataDir = await mkdtemp(join(tmpdir(), 'cg-store-'))
  const open = () => openEmbeddedStore({ dataDir, fsyncIntervalMs: 5, log })
  const store = await open()
  return {
    dataDir,
    journals: store.journals,
    metadata: store.metadata,
    snapshots: store.snapshots,
    history: store.history,
    reopen: open,
    dispose: async () => {
      await store.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  }
}

journalStoreContract('embedded (lowdb + journal files)', embedded)

const update = (v: string) => {
  const doc = new Y.Doc()
  doc.getMap('meta').set('v', v)
  return Y.encodeStateAsUpdate(doc)
}

async function threeEntries(journals: JournalStore, boardId = 'b') {
  const j = await journals.open(boardId)
  await j.load()
  for (const v of ['1', '2', '3']) await j.append({ at: 1, participantId: 'p', update: update(v) })
  await j.close()
}

describe('embedded journal files', () => {
  it('drops a torn last record and keeps the rest', async () => {
    const f = await embedded()
    await threeEntries(f.journals)
    const path = join(f.dataDir, 'boards', 'b', 'journal.cgj')
    const full = await readFile(path)
    await truncate(path, full.length - 5)
    const j = await f.journals.open('b')
    const loaded = await j.load()
    expect(loaded.lastSeq).toBe(2)
    expect((await j.append({ at: 2, participantId: 'p', update: update('4') })).seq).toBe(3)
    await j.close()
    await f.dispose()
  })

  it('drops zeros left after a power loss', async () => {
    const f = await embedded()
    await threeEntries(f.journals)
    await appendFile(join(f.dataDir, 'boards', 'b', 'journal.cgj'), Buffer.alloc(4096))
    const j = await f.journals.open('b')
    expect((await j.load()).lastSeq).toBe(3)
    await j.close()
    await f.dispose()
  })

  it('refuses a journal damaged anywhere but its end, rather than serve part of a board', async () => {
    const f = await embedded()
    await threeEntries(f.journals)
    const path = join(f.dataDir, 'boards', 'b', 'journal.cgj')
    const bytes = await readFile(path)
    bytes[20] = bytes[20]! ^ 0xff
    await writeFile(path, bytes)
    const j = await f.journals.open('b')
    await expect(j.load()).rejects.toBeInstanceOf(JournalDamagedError)
    // Nothing was cut away: the damaged file is left for a human to look at.
    expect((await stat(path)).size).toBe(bytes.length)
    await f.dispose()
  })

  it('ignores a damaged checkpoint and rebuilds from the journal', async () => {
    const f = await embedded()
    const j = await f.journals.open('b')
    await j.load()
    const doc = new Y.Doc()
    doc.getMap('meta').set('v', 'x')
    const e = await j.append({ at: 1, participantId: 'p', update: Y.encodeStateAsUpdate(doc) })
    await j.writeCheckpoint({ seq: e.seq, at: 1, state: Y.encodeStateAsUpdate(doc) })
    await j.close()
    const cpDir = join(f.dataDir, 'boards', 'b', 'checkpoints')
    const names = await readdir(cpDir)
    const cpPath = join(cpDir, names[0]!)
    const cp = await readFile(cpPath)
    cp[cp.length - 1] = cp[cp.length - 1]! ^ 0xff
    await writeFile(cpPath, cp)
    const again = await f.journals.open('b')
    const loaded = await again.load()
    expect(loaded.checkpoint).toBeNull()
    expect(loaded.tail.map((t) => t.seq)).toEqual([1])
    await again.close()
    await f.dispose()
  })

  it('drops a torn last history record, and throws away history it cannot read', async () => {
    const f = await embedded()
    const h = await f.history.open('th')
    await h.open()
    const rec = (seq: number) => ({ seq, at: seq, participantId: 'p', eventsBefore: 0, events: [], changes: [] })
    await h.append([rec(1), rec(2), rec(3)])
    await h.writeKeyframe({ seq: 3, at: 3, eventCount: 0, map: { title: '', focusQuestion: '', concepts: [], links: [] } })
    await h.close()
    const path = join(f.dataDir, 'boards', 'th', 'history', 'records.jsonl')
    const full = await readFile(path)
    await truncate(path, full.length - 4)
    const again = await f.history.open('th')
    // Record 3 was torn: it is cut off, and the keyframe past the records goes with it.
    expect(await again.open()).toEqual({ lastSeq: 2, lastAt: 2, eventCount: 0 })
    expect(await again.keyframes()).toEqual([])
    await again.append([rec(3)])
    await again.close()
    await writeFile(path, 'not json\n')
    const third = await f.history.open('th')
    expect(await third.open()).toEqual({ lastSeq: 0, lastAt: 0, eventCount: 0 })
    await third.close()
    await f.dispose()
  })

  it('refuses an invalid board id before touching the file system', async () => {
    const f = await embedded()
    await expect(f.journals.open('../escape')).rejects.toThrow(/invalid board id/)
    await expect(f.history.open('../escape')).rejects.toThrow(/invalid board id/)
    await f.dispose()
  })
})

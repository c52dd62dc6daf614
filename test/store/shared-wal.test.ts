import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../server/log'
import { openEmbeddedStore } from '../../server/store/embedded/embedded-store'
import { readWalRecords } from '../../server/store/embedded/wal-record'
import { JournalDamagedError, type BoardJournal, type JournalEntry } from '../../server/store/journal'
import { recordSeq } from '../../server/store/journal-record'
import type { Store } from '../../server/store/store'
import { ManualClock } from '../support/manual-clock'

// The shared write-ahead log of the embedded store: one sync for every board, and recovery of what a
// kill or a power loss takes from a board's own file (appends reach it in batches, and it is synced
// rarely). A power loss is played by cutting or overwriting the part of a board's file that was never
// synced, with the crashed store left open; a kill by leaving the store open.

const log = createLogger('silent')
const dirs: string[] = []
const stores: Store[] = []

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => {})
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cg-wal-'))
  dirs.push(dir)
  return dir
}

async function open(dir: string, extra: { walRotateBytes?: number; fsyncs?: number[]; fileWriteClock?: ManualClock } = {}): Promise<Store> {
  const telemetry = { fsynced: (s: number) => extra.fsyncs?.push(s) }
  const store = await openEmbeddedStore({ dataDir: dir, fsyncIntervalMs: 20, log, telemetry, walRotateBytes: extra.walRotateBytes, fileWriteClock: extra.fileWriteClock })
  stores.push(store)
  return store
}

const update = (v: string) => {
  const doc = new Y.Doc()
  doc.getMap('meta').set('v', v)
  return Y.encodeStateAsUpdate(doc)
}

async function appendMany(journal: BoardJournal, n: number, label = 'e'): Promise<JournalEntry[]> {
  const out: JournalEntry[] = []
  for (let i = 0; i < n; i++) out.push(await journal.append({ at: 1000 + i, participantId: 'p', update: update(`${label}${i}`) }))
  return out
}

/** Board `board` of `store`, opened and loaded, ready for appends. */
async function loadedJournal(store: Store, board = 'b'): Promise<BoardJournal> {
  const journal = await store.journals.open(board)
  await journal.load()
  return journal
}

/** Board b with three entries, closed (so its file is synced and the log marks it). */
async function threeEntriesClosed(store: Store): Promise<void> {
  const j = await loadedJournal(store)
  await appendMany(j, 3)
  await j.close()
}

const journalPath = (dir: string, board: string) => join(dir, 'boards', board, 'journal.cgj')
const walFiles = async (dir: string) => (await readdir(join(dir, 'wal'))).filter((n) => n.endsWith('.wal'))

/** The byte offset where record `seq` ends in a journal file of small, equal-shaped records. */
async function endOfRecord(path: string, seq: number): Promise<number> {
  const buf = await readFile(path)
  let offset = 0
  for (let s = 0; s < seq; s++) offset += 8 + buf.readUInt32LE(offset)
  return offset
}

async function reopened(dir: string, board: string) {
  const store = await open(dir)
  const journal = await store.journals.open(board)
  const loaded = await journal.load()
  const entries = await journal.read(0, 1000)
  await journal.close()
  return { loaded, entries }
}

const plain = (entries: JournalEntry[]) => entries.map((e) => ({ ...e, update: Buffer.from(e.update).toString('hex') }))

describe('the shared write-ahead log', () => {
  it('makes the appends of 50 boards durable with one sync, not one per board', async () => {
    const dir = await dataDir()
    const fsyncs: number[] = []
    const store = await open(dir, { fsyncs })
    const journals = await Promise.all(Array.from({ length: 50 }, (_, i) => store.journals.open(`board-${i}`)))
    for (const j of journals) await j.load()
    for (const j of journals) await appendMany(j, 1)
    const durable = await Promise.all(journals.map((j) => new Promise<number>((resolve) => j.onDurable(resolve))))
    expect(durable).toEqual(journals.map(() => 1))
    // One group sync covers every board (a file per board took 50).
    expect(fsyncs.length).toBeLessThanOrEqual(2)
    for (const j of journals) await j.close()
  })

  it('after a power loss, puts back the entries a board file lost or holds as garbage', async () => {
    const dir = await dataDir()
    const crashed = await open(dir)
    const a = await crashed.journals.open('a')
    const b = await crashed.journals.open('b')
    await a.load()
    await b.load()
    const wroteA = await appendMany(a, 5, 'a')
    const wroteB = await appendMany(b, 4, 'b')
    expect(await a.flush()).toBe(5)
    expect(await b.flush()).toBe(4)
    // Reading has each journal write its waiting appends to its file (as its file tick would).
    await a.read(0, 1)
    await b.read(0, 1)
    // The file of a lost its last three entries and got zeros instead (size grew, data never landed).
    const cut = await endOfRecord(journalPath(dir, 'a'), 2)
    await truncate(journalPath(dir, 'a'), cut)
    await writeFile(journalPath(dir, 'a'), Buffer.alloc(100), { flag: 'a' })
    // The file of b holds garbage in its third entry.
    const fileB = await readFile(journalPath(dir, 'b'))
    const third = await endOfRecord(journalPath(dir, 'b'), 2)
    fileB.fill(0x5a, third + 10, third + 20)
    await writeFile(journalPath(dir, 'b'), fileB)

    const afterA = await reopened(dir, 'a')
    expect(afterA.loaded.lastSeq).toBe(5)
    expect(plain(afterA.entries)).toEqual(plain(wroteA))
    const afterB = await reopened(dir, 'b')
    expect(afterB.loaded.lastSeq).toBe(4)
    expect(plain(afterB.entries)).toEqual(plain(wroteB))
    // The crashed store's log was read back and deleted; only the new store's generation is left.
    expect(await walFiles(dir)).toHaveLength(1)
  })

  it('after a kill, writes back the appends still waiting for their file tick', async () => {
    const dir = await dataDir()
    const j = await loadedJournal(await open(dir))
    const wrote = await appendMany(j, 3)
    // Not even synced yet: a kill spares the page cache, so what the log was given survives it.
    expect((await readFile(journalPath(dir, 'b'))).length).toBe(0)
    const after = await reopened(dir, 'b')
    expect(after.loaded.lastSeq).toBe(3)
    expect(plain(after.entries)).toEqual(plain(wrote))
  })

  it('drops a torn last log record (an append that never returned), keeping what the board file holds', async () => {
    const dir = await dataDir()
    const j = await loadedJournal(await open(dir))
    const wrote = await appendMany(j, 3)
    await j.read(0, 1)
    // Entry 4 is only in the log, and its record there is torn.
    await appendMany(j, 1, 'torn')
    const [file] = await walFiles(dir)
    const walPath = join(dir, 'wal', file!)
    await truncate(walPath, (await readFile(walPath)).length - 3)
    const after = await reopened(dir, 'b')
    expect(plain(after.entries)).toEqual(plain(wrote))
  })

  it('writes a busy board\'s appends to its file in one write per tick, and before any read', async () => {
    const dir = await dataDir()
    const clock = new ManualClock()
    const j = await loadedJournal(await open(dir, { fileWriteClock: clock }))
    const wrote = await appendMany(j, 20)
    expect(await j.flush()).toBe(20)
    // Durable (the log is synced) while the board's own file has yet to be written.
    expect((await readFile(journalPath(dir, 'b'))).length).toBe(0)
    expect(plain(await j.read(0, 100))).toEqual(plain(wrote))
    expect((await readFile(journalPath(dir, 'b'))).length).toBe(await endOfRecord(journalPath(dir, 'b'), 20))
    await appendMany(j, 1, 'later')
    // Not written before its delay is up; written (a real file write, polled for) once it is.
    clock.advance(1999)
    expect((await readFile(journalPath(dir, 'b'))).length).toBe(await endOfRecord(journalPath(dir, 'b'), 20))
    clock.advance(1)
    const holdsAll = async () => (await endOfRecord(journalPath(dir, 'b'), 21).catch(() => -1)) === (await readFile(journalPath(dir, 'b'))).length
    await expect.poll(holdsAll).toBe(true)
    await j.close()
  })

  it('leaves alone a board that closed (its file was synced), as a torn file tail shows', async () => {
    const dir = await dataDir()
    await threeEntriesClosed(await open(dir))
    const path = journalPath(dir, 'b')
    await truncate(path, (await readFile(path)).length - 5)
    // The store is not closed (a crash): its log still holds the three entries, and a mark that b closed.
    const after = await reopened(dir, 'b')
    expect(after.loaded.lastSeq).toBe(2)
  })

  /**
   * Board b with entries 1–3 synced to its file by a clean close, then 4–5 in the log of a store
   * that crashed; returns the path of b's file and how a start after the crash loads b.
   */
  async function syncedThenLogged(dir: string) {
    const first = await open(dir)
    await threeEntriesClosed(first)
    await first.close()
    const crashed = await open(dir)
    const k = await loadedJournal(crashed)
    await appendMany(k, 2, 'later')
    await k.flush()
    const loadAfterCrash = async () => (await (await open(dir)).journals.open('b')).load()
    return { path: journalPath(dir, 'b'), loadAfterCrash }
  }

  it('does not mend damage in entries synced before the log began: the board refuses to load', async () => {
    const { path, loadAfterCrash } = await syncedThenLogged(await dataDir())
    const buf = await readFile(path)
    const start = await endOfRecord(path, 1)
    buf.fill(0x5a, start + 12, start + 16)
    await writeFile(path, buf)
    await expect(loadAfterCrash()).rejects.toBeInstanceOf(JournalDamagedError)
  })

  it('refuses a board whose file lost synced entries from before the log began, rather than serve it short', async () => {
    const { path, loadAfterCrash } = await syncedThenLogged(await dataDir())
    await truncate(path, await endOfRecord(path, 1))
    await expect(loadAfterCrash()).rejects.toBeInstanceOf(JournalDamagedError)
  })

  it('rotates generations and deletes each once the boards have synced their files', async () => {
    const dir = await dataDir()
    const crashed = await open(dir, { walRotateBytes: 600 })
    const journals = await Promise.all(['x', 'y', 'z'].map((b) => crashed.journals.open(b)))
    for (const j of journals) await j.load()
    const wrote: JournalEntry[][] = [[], [], []]
    for (let round = 0; round < 10; round++) {
      for (const [i, j] of journals.entries()) wrote[i]!.push(...(await appendMany(j, 2, `r${round}-`)))
      await Promise.all(journals.map((j) => j.flush()))
    }
    // A last, smaller round stays in the generation now being written.
    for (const [i, j] of journals.entries()) wrote[i]!.push(...(await appendMany(j, 1, 'last')))
    await Promise.all(journals.map((j) => j.flush()))
    // Old generations go as they are retired (deleted once the boards' files are synced).
    await expect.poll(async () => (await walFiles(dir)).length).toBeLessThanOrEqual(2)
    // A power loss now, taking from each board's file everything the log still holds: what retired
    // generations held must be in the file (synced at retirement), the rest comes back from the log.
    const logged = new Map<string, number>()
    for (const name of (await walFiles(dir)).sort()) {
      for (const r of readWalRecords(await readFile(join(dir, 'wal', name))).records) {
        if (r.kind === 'entry' && !logged.has(r.boardId)) logged.set(r.boardId, recordSeq(r.journalRecord, 0))
      }
    }
    expect(logged.size).toBe(3)
    for (const [board, firstLogged] of logged) {
      expect(firstLogged).toBeGreaterThan(1)
      await truncate(journalPath(dir, board), await endOfRecord(journalPath(dir, board), firstLogged - 1))
    }
    for (const [i, b] of ['x', 'y', 'z'].entries()) {
      const after = await reopened(dir, b)
      expect(plain(after.entries)).toEqual(plain(wrote[i]!))
    }
  })

  it('deletes its log on a clean close, when every board closed and synced its file', async () => {
    const dir = await dataDir()
    const store = await open(dir)
    await threeEntriesClosed(store)
    await store.close()
    stores.splice(stores.indexOf(store), 1)
    expect(await walFiles(dir)).toEqual([])
  })
})

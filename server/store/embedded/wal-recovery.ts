import { existsSync } from 'node:fs'
import { mkdir, open, readdir, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { isBoardId } from '../../../shared/board-id'
import type { Logger } from '../../log'
import { checkFrame, recordSeq } from '../journal-record'
import { syncDirectory } from './shared-wal'
import { readWalRecords } from './wal-record'

const WAL_FILE = /^(\d{1,15})\.wal$/

/**
 * Makes every board's journal file hold what the write-ahead log holds for it, then deletes the log;
 * returns the generation the next log starts at. Runs before any journal opens. After a process
 * kill a board's file lacks the appends still waiting for its file tick (the log has them: the page
 * cache survives a kill); after a power loss a file may also lack, or hold garbage instead of,
 * entries only the synced log kept. Either way they are written back.
 */
export async function recoverFromWal(dataDir: string, log: Logger): Promise<number> {
  const dir = join(dataDir, 'wal')
  await mkdir(dir, { recursive: true })
  const generations = (await readdir(dir))
    .map((name) => ({ name, match: WAL_FILE.exec(name) }))
    .filter((f): f is { name: string; match: RegExpExecArray } => f.match !== null)
    .map((f) => ({ name: f.name, generation: Number(f.match[1]) }))
    .sort((a, b) => a.generation - b.generation)
  if (generations.length === 0) return 1
  const pending = new Map<string, LoggedEntry[]>()
  for (const { name } of generations) {
    const { records, stoppedAt } = readWalRecords(await readFile(join(dir, name)))
    if (stoppedAt !== null) log.warn({ file: name, at: stoppedAt }, 'dropping a torn write-ahead log tail')
    for (const r of records) {
      // A board that closed synced its own file: what it logged before is not needed.
      if (r.kind === 'synced') pending.delete(r.boardId)
      else {
        const entry = { fileOffset: r.fileOffset, record: r.journalRecord }
        const list = pending.get(r.boardId)
        if (list) list.push(entry)
        else pending.set(r.boardId, [entry])
      }
    }
  }
  for (const [boardId, records] of pending) {
    const boardDir = join(dataDir, 'boards', boardId)
    // Never a path from an unchecked id; and a board folder that is gone is not brought back.
    if (!isBoardId(boardId) || !existsSync(boardDir)) continue
    await restoreTail(join(boardDir, 'journal.cgj'), contiguous(records), boardId, log)
  }
  // A generation already gone was retired by its writer between our read and now (a store of this
  // data folder still running in this process, as the crash tests leave one): what it held is read.
  for (const { name } of generations) await unlink(join(dir, name)).catch(ignoreMissing)
  syncDirectory(dir)
  return generations.at(-1)!.generation + 1
}

interface LoggedEntry {
  /** Where the board's journal file holds the record. */
  fileOffset: number
  record: Buffer
}

/** The log's entries for one board, up to the first that does not continue the one before. */
function contiguous(entries: LoggedEntry[]): LoggedEntry[] {
  const out: LoggedEntry[] = []
  for (const e of entries) {
    const frame = checkFrame(e.record, 0)
    if (!frame.ok || frame.end !== e.record.length) break
    const previous = out.at(-1)
    if (previous && (recordSeq(e.record, 0) !== recordSeq(previous.record, 0) + 1 || e.fileOffset !== previous.fileOffset + previous.record.length)) break
    out.push(e)
  }
  return out
}

/**
 * Keeps the records the file already holds and writes the log's from the first one it lacks or
 * holds differently; then syncs the file, since the log that vouched for it is about to go. Only
 * the part of the file the log covers is read: what precedes it was synced, and the load checks it.
 */
async function restoreTail(path: string, entries: LoggedEntry[], boardId: string, log: Logger): Promise<void> {
  if (entries.length === 0) return
  const from = entries[0]!.fileOffset
  const handle = await open(path, existsSync(path) ? 'r+' : 'w+')
  try {
    const size = (await handle.stat()).size
    if (size < from) {
      // Synced bytes before the log began are gone: not ours to mend. Writing the log's entries at
      // their offsets leaves the gap as damage, which the load refuses rather than serve a partial board.
      log.error({ board: boardId, size, logFrom: from }, 'journal shorter than where its write-ahead log begins')
    }
    const tail = Buffer.alloc(Math.max(0, size - from))
    if (tail.length > 0) await handle.read(tail, 0, tail.length, from)
    let offset = 0
    let i = 0
    const holds = (r: Buffer) => offset + r.length <= tail.length && r.compare(tail, offset, offset + r.length) === 0
    while (i < entries.length && holds(entries[i]!.record)) offset += entries[i++]!.record.length
    if (i < entries.length) {
      await handle.truncate(from + offset)
      const missing = Buffer.concat(entries.slice(i).map((e) => e.record))
      await handle.write(missing, 0, missing.length, from + offset)
      log.warn({ board: boardId, fromSeq: recordSeq(entries[i]!.record, 0), entries: entries.length - i }, 'journal entries restored from the write-ahead log')
    }
    await handle.datasync()
  } finally {
    await handle.close()
  }
}

function ignoreMissing(err: NodeJS.ErrnoException): void {
  if (err.code !== 'ENOENT') throw err
}

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
 * kill the files already hold everything (the page cache survives) and this only syncs them; after
 * a power loss a board's file may lack, or hold garbage instead of, entries that only the synced
 * log kept, and these are written back.
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
  const pending = new Map<string, Buffer[]>()
  for (const { name } of generations) {
    const { records, stoppedAt } = readWalRecords(await readFile(join(dir, name)))
    if (stoppedAt !== null) log.warn({ file: name, at: stoppedAt }, 'dropping a torn write-ahead log tail')
    for (const r of records) {
      // A board that closed synced its own file: what it logged before is not needed.
      if (r.kind === 'synced') pending.delete(r.boardId)
      else {
        const list = pending.get(r.boardId)
        if (list) list.push(r.journalRecord)
        else pending.set(r.boardId, [r.journalRecord])
      }
    }
  }
  for (const [boardId, records] of pending) {
    const boardDir = join(dataDir, 'boards', boardId)
    // Never a path from an unchecked id; and a board folder that is gone is not brought back.
    if (!isBoardId(boardId) || !existsSync(boardDir)) continue
    await restoreTail(join(boardDir, 'journal.cgj'), contiguous(records), boardId, log)
  }
  for (const { name } of generations) await unlink(join(dir, name))
  syncDirectory(dir)
  return generations.at(-1)!.generation + 1
}

/** The log's records for one board, up to the first that does not continue the one before. */
function contiguous(records: Buffer[]): Buffer[] {
  const out: Buffer[] = []
  for (const r of records) {
    const frame = checkFrame(r, 0)
    if (!frame.ok || frame.end !== r.length) break
    if (out.length > 0 && recordSeq(r, 0) !== recordSeq(out.at(-1)!, 0) + 1) break
    out.push(r)
  }
  return out
}

/**
 * Keeps the records the file already holds and writes the log's from the first one it lacks or
 * holds differently; then syncs the file, since the log that vouched for it is about to go.
 */
async function restoreTail(path: string, records: Buffer[], boardId: string, log: Logger): Promise<void> {
  if (records.length === 0) return
  const buf = existsSync(path) ? await readFile(path) : Buffer.alloc(0)
  const firstSeq = recordSeq(records[0]!, 0)
  let offset = 0
  let seq = 0
  while (seq < firstSeq - 1) {
    const frame = checkFrame(buf, offset)
    if (!frame.ok || recordSeq(buf, offset) !== seq + 1) break
    seq++
    offset = frame.end
  }
  if (seq < firstSeq - 1) {
    // Entries synced to the file before the log began are damaged: not ours to mend (the board refuses to load).
    log.error({ board: boardId, validThrough: seq, logFrom: firstSeq }, 'journal damaged before its write-ahead log begins: left as it is')
    return
  }
  let i = 0
  const holds = (r: Buffer) => offset + r.length <= buf.length && r.compare(buf, offset, offset + r.length) === 0
  while (i < records.length && holds(records[i]!)) offset += records[i++]!.length
  const handle = await open(path, existsSync(path) ? 'r+' : 'w')
  try {
    if (i < records.length) {
      await handle.truncate(offset)
      const missing = Buffer.concat(records.slice(i))
      await handle.write(missing, 0, missing.length, offset)
      log.warn({ board: boardId, fromSeq: recordSeq(records[i]!, 0), entries: records.length - i }, 'journal entries restored from the write-ahead log')
    }
    await handle.datasync()
  } finally {
    await handle.close()
  }
}

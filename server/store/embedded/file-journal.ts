import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs'
import { mkdir, open, readdir, readFile, truncate } from 'node:fs/promises'
import { join } from 'node:path'
import type { BatchTimer } from '../../batch-timer'
import type { Logger } from '../../log'
import type { BoardJournal, Checkpoint, JournalEntry, LoadedJournal } from '../journal'
import type { JournalTelemetry } from '../journal-telemetry'
import { checkFrame, decodeRecord, encodeRecord } from '../journal-record'
import {
  checkpointFileName,
  decodeCheckpoint,
  listCheckpoints,
  readCheckpointFile,
  seqOfCheckpointFile,
  writeCheckpointFile,
  type StoredCheckpoint
} from './checkpoint-file'
import { INDEX_SHIFT, scanJournal } from './journal-scan'
import type { SharedWal, WalWriter } from './shared-wal'
import type { UnwrittenTails } from './unwritten-tails'
import { writeAll } from './write-all'

export interface FileJournalOptions {
  /** The board's own folder. */
  dir: string
  boardId: string
  /** Every append goes to this log first, and is durable once the log is synced (one sync for all boards). */
  wal: SharedWal
  /** Appends reach the board's own file on this timer's tick (shared by every board), in one write. */
  fileWriteTimer: BatchTimer
  /** Appends a failed journal could not write to its file, written before the board loads again. */
  unwritten: UnwrittenTails
  log: Logger
  /** Told how long each fsync of the board's own file took (on close). */
  telemetry?: JournalTelemetry
}

const JOURNAL_FILE = 'journal.cgj'
const READ_CHUNK = 1 << 20
/** Appends waiting for the file tick are written at once beyond this (a large import, a flood). */
const MAX_PENDING_BYTES = 64 * 1024

/**
 * A board's journal as one append-only file plus checkpoint files. An append is written to the
 * store's shared write-ahead log with a synchronous write(2), so the entry is in the kernel's page
 * cache (safe from a process kill) before `append` returns; it is durable once the log's next group
 * sync completes. The board's own file may lag behind the log: appends gather in memory and reach
 * it on the shared file tick in one write, and at once before anything reads the file. A second
 * write(2) per edit, to one of hundreds of files, was not cheap (skipping it cut our CPU on 300
 * boards at 1.5 edits/s by ~15 % in a benchmark); batched, a quiet board writes once per ~4 edits.
 * After a kill, `recoverFromWal` puts back what the file lacked; if the file cannot take the appends
 * (a full disk), the board stops and they wait in `UnwrittenTails` for its next load. This file is
 * synced when the board closes and when the log generation holding its entries is retired.
 */
export class FileJournal implements BoardJournal, WalWriter {
  private fd: number | null = null
  /** The journal's length, appends still waiting for the file tick included. */
  private size = 0
  /** Encoded appends not yet in the file (they are in the log), oldest first. */
  private pending: Buffer[] = []
  private pendingBytes = 0
  private appendedSeq = 0
  private lastAt = 0
  private durableSeq = 0
  private sparseStarts: number[] = []
  /** This file is synced through this seq (it may be ahead of what the log has made durable). */
  private fileSyncedSeq = 0
  private fileSync: Promise<void> = Promise.resolve()
  /** Whether this journal wrote to the log since it opened (it then tells the log when it closes). */
  private logged = false
  private waiters: Array<{ seq: number; resolve: (seq: number) => void; reject: (e: Error) => void }> = []
  private failure: Error | null = null
  private durableListeners: Array<(seq: number) => void> = []
  private failureListeners: Array<(error: Error) => void> = []
  private closed = false

  constructor(private readonly options: FileJournalOptions) {}

  get boardId(): string {
    return this.options.boardId
  }

  get lastSeq(): number {
    return this.appendedSeq
  }

  private get journalPath(): string {
    return join(this.options.dir, JOURNAL_FILE)
  }

  private get checkpointDir(): string {
    return join(this.options.dir, 'checkpoints')
  }

  async load(): Promise<LoadedJournal> {
    await mkdir(this.checkpointDir, { recursive: true })
    // What an earlier journal of this board relayed but could not write to the file comes first.
    await this.options.unwritten.restore(this.boardId, this.journalPath)
    let buf: Buffer
    try {
      buf = await readFile(this.journalPath)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
      buf = Buffer.alloc(0)
    }
    const scan = scanJournal(buf)
    if (scan.torn) {
      this.options.log.warn({ dir: this.options.dir, torn: scan.torn }, 'dropping a torn last journal record')
      await truncate(this.journalPath, scan.validEnd)
    }
    this.appendedSeq = this.durableSeq = this.fileSyncedSeq = scan.lastSeq
    this.lastAt = scan.lastAt
    this.size = scan.validEnd
    this.sparseStarts = scan.sparseStarts
    const checkpoint = await this.newestUsableCheckpoint(scan.ends)
    const tail: JournalEntry[] = []
    let offset = checkpoint ? checkpoint.journalEnd : 0
    while (offset < scan.validEnd) {
      const end = scan.ends[tail.length + (checkpoint?.seq ?? 0)]!
      tail.push(decodeRecord(buf, offset, end))
      offset = end
    }
    this.fd = openSync(this.journalPath, 'a')
    this.options.wal.register(this)
    return {
      checkpoint: checkpoint ? { seq: checkpoint.seq, at: checkpoint.at, state: checkpoint.state } : null,
      tail,
      lastSeq: this.appendedSeq,
      lastAt: this.lastAt
    }
  }

  private async newestUsableCheckpoint(ends: number[]): Promise<StoredCheckpoint | null> {
    const names = await readdir(this.checkpointDir)
    const seqs = names.map(seqOfCheckpointFile).filter((s): s is number => s !== null).sort((a, b) => b - a)
    for (const seq of seqs) {
      const cp = decodeCheckpoint(await readFile(join(this.checkpointDir, checkpointFileName(seq))))
      // The journal is the truth: a checkpoint that does not match its exact prefix is ignored.
      if (cp && cp.seq === seq && seq <= ends.length && ends[seq - 1] === cp.journalEnd) return cp
      this.options.log.warn({ dir: this.options.dir, seq }, 'ignoring an unusable checkpoint')
    }
    return null
  }

  append(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    if (this.failure) throw this.failure
    if (this.fd === null) throw new Error('journal is not open')
    const record: JournalEntry = {
      seq: this.appendedSeq + 1,
      // Arrival times never go backwards inside one board, whatever the wall clock does.
      at: Math.max(entry.at, this.lastAt),
      participantId: entry.participantId,
      update: entry.update
    }
    const buf = encodeRecord(record)
    try {
      this.options.wal.append(this, this.size, buf)
    } catch (e) {
      this.fail(e as Error)
      throw e
    }
    this.logged = true
    if (((record.seq - 1) & ((1 << INDEX_SHIFT) - 1)) === 0) this.sparseStarts.push(this.size)
    this.size += buf.length
    this.appendedSeq = record.seq
    this.lastAt = record.at
    this.pending.push(buf)
    this.pendingBytes += buf.length
    // Logged, so relayed even if the file fails now: the board then stops, and its next load writes it.
    if (this.pendingBytes >= MAX_PENDING_BYTES) this.writePendingOrFail()
    else this.options.fileWriteTimer.request(this.writePendingLater)
    return record
  }

  /**
   * Writes the appends waiting for the file tick (they are in the log already). If the file cannot
   * take them the journal fails (the board stops, see UnwrittenTails) and the error is thrown.
   */
  private writePending(fd = this.fd): void {
    if (this.pending.length === 0) return
    if (fd === null) throw new Error('journal is not open')
    try {
      writeAll(fd, this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes))
    } catch (e) {
      this.fail(e as Error)
      throw e
    }
    this.pending = []
    this.pendingBytes = 0
    this.options.fileWriteTimer.cancel(this.writePendingLater)
  }

  /** For callers with nobody to tell: a failure has already stopped the board. */
  private writePendingOrFail(): void {
    try {
      this.writePending()
    } catch {
      // writePending has already failed the journal, which told its onFailure listeners.
    }
  }

  private readonly writePendingLater = (): void => this.writePendingOrFail()

  walSynced(seq: number): void {
    this.markDurable(seq)
  }

  walFailed(error: Error): void {
    this.fail(error)
  }

  syncOwnFile(): Promise<void> {
    // Closing syncs the file itself, after the syncs already chained here (so none outlives the fd);
    // a journal that failed may have left appends only in the log, which must then keep them.
    if (this.closed) {
      return this.fileSyncedSeq >= this.appendedSeq ? Promise.resolve() : Promise.reject(new Error(`journal of ${this.boardId} closed unsynced`))
    }
    // After the previous sync, failed or not: one failure must not stop later retirements.
    this.fileSync = this.fileSync.catch(() => {}).then(
      () =>
        new Promise<void>((resolve, reject) => {
          const fd = this.fd
          const target = this.appendedSeq
          if (fd === null || target <= this.fileSyncedSeq) return resolve()
          // A failed journal's file lacks what it handed to UnwrittenTails: the log must keep it.
          if (this.failure) return reject(this.failure)
          try {
            this.writePending()
          } catch (e) {
            return reject(e)
          }
          fdatasync(fd, (err) => {
            if (err) return reject(err)
            this.fileSyncedSeq = Math.max(this.fileSyncedSeq, target)
            resolve()
          })
        })
    )
    return this.fileSync
  }

  private markDurable(seq: number): void {
    if (seq <= this.durableSeq) return
    this.durableSeq = seq
    for (const listener of this.durableListeners) listener(seq)
    this.waiters = this.waiters.filter((w) => {
      if (w.seq > seq) return true
      w.resolve(seq)
      return false
    })
  }

  private fail(error: Error): void {
    if (this.failure) return
    this.failure = error
    this.options.fileWriteTimer.cancel(this.writePendingLater)
    if (this.pending.length > 0) {
      // Relayed and in the log, but not in the file: the board's next load writes them first.
      this.options.unwritten.keep(this.boardId, this.size - this.pendingBytes, Buffer.concat(this.pending, this.pendingBytes))
      this.pending = []
      this.pendingBytes = 0
    }
    this.options.log.error({ dir: this.options.dir, err: error }, 'journal write failed')
    for (const w of this.waiters) w.reject(error)
    this.waiters = []
    for (const listener of this.failureListeners) listener(error)
  }

  onDurable(listener: (seq: number) => void): void {
    this.durableListeners.push(listener)
  }

  onFailure(listener: (error: Error) => void): void {
    this.failureListeners.push(listener)
  }

  flush(): Promise<number> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.durableSeq >= this.appendedSeq) return Promise.resolve(this.durableSeq)
    const promise = new Promise<number>((resolve, reject) => this.waiters.push({ seq: this.appendedSeq, resolve, reject }))
    this.options.wal.syncSoon()
    return promise
  }

  async writeCheckpoint(checkpoint: Checkpoint): Promise<void> {
    if (checkpoint.seq < 1 || checkpoint.seq > this.appendedSeq) throw new Error(`no journal entry ${checkpoint.seq}`)
    const journalEnd = checkpoint.seq === this.appendedSeq ? this.size : await this.offsetAfter(checkpoint.seq)
    // The checkpoint must never get ahead of the journal prefix it summarises.
    await this.flush()
    await writeCheckpointFile(this.checkpointDir, { ...checkpoint, journalEnd })
  }

  checkpoints(): Promise<Array<{ seq: number; at: number }>> {
    return listCheckpoints(this.checkpointDir, this.appendedSeq)
  }

  readCheckpoint(seq: number): Promise<Checkpoint | null> {
    return readCheckpointFile(this.checkpointDir, seq)
  }

  private async offsetAfter(seq: number): Promise<number> {
    let found = 0
    await this.scan(seq - 1, 1, (_entry, end) => {
      found = end
    })
    return found
  }

  async read(afterSeq: number, limit: number): Promise<JournalEntry[]> {
    const out: JournalEntry[] = []
    if (limit <= 0) return out
    await this.scan(afterSeq, limit, (entry) => out.push(entry))
    return out
  }

  /** Streams entries with seq > afterSeq from the nearest indexed offset, in bounded chunks. */
  private async scan(afterSeq: number, limit: number, visit: (entry: JournalEntry, end: number) => void): Promise<void> {
    // The file must hold every append before it is read.
    this.writePending()
    const size = this.size
    const k = Math.min(Math.max(0, afterSeq) >> INDEX_SHIFT, this.sparseStarts.length - 1)
    if (k < 0) return
    let offset = this.sparseStarts[k]!
    let seen = 0
    const handle = await open(this.journalPath, 'r')
    try {
      let chunk = Buffer.alloc(0)
      let chunkStart = offset
      while (offset < size && seen < limit) {
        let frame = checkFrame(chunk, offset - chunkStart)
        if (!frame.ok) {
          const want = Math.max(READ_CHUNK, frame.end - (offset - chunkStart))
          const next = Buffer.allocUnsafe(Math.min(want, size - offset))
          const { bytesRead } = await handle.read(next, 0, next.length, offset)
          chunk = next.subarray(0, bytesRead)
          chunkStart = offset
          frame = checkFrame(chunk, 0)
          if (!frame.ok) throw new Error(`journal unreadable at byte ${offset} (${frame.reason})`)
        }
        const entry = decodeRecord(chunk, offset - chunkStart, frame.end)
        const end = chunkStart + frame.end
        if (entry.seq > afterSeq) {
          visit(entry, end)
          seen++
        }
        offset = end
      }
    } finally {
      await handle.close()
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    // A retirement may be syncing this file: the descriptor must outlive that.
    await this.fileSync.catch(() => {})
    if (this.fd !== null) {
      const fd = this.fd
      this.fd = null
      this.options.fileWriteTimer.cancel(this.writePendingLater)
      try {
        if (!this.failure && this.fileSyncedSeq < this.appendedSeq) {
          this.writePending(fd)
          const started = performance.now()
          fdatasyncSync(fd)
          this.options.telemetry?.fsynced((performance.now() - started) / 1000)
          this.fileSyncedSeq = this.appendedSeq
        }
        if (!this.failure) {
          this.markDurable(this.appendedSeq)
          if (this.logged) this.options.wal.markSynced(this.boardId, this.appendedSeq)
        }
      } finally {
        this.options.wal.unregister(this, this.fileSyncedSeq >= this.appendedSeq)
        closeSync(fd)
      }
    }
  }
}

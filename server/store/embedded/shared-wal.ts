import { closeSync, fdatasync, fsyncSync, openSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import type { BatchTimer } from '../../batch-timer'
import type { Logger } from '../../log'
import type { JournalTelemetry } from '../journal-telemetry'
import { encodeWalEntry, encodeWalSynced } from './wal-record'
import { writeAll } from './write-all'

/** What the log needs from a board's journal that writes through it. */
export interface WalWriter {
  readonly boardId: string
  /** The highest seq this writer has put in the log. */
  readonly lastSeq: number
  /** Everything this writer logged up to `seq` is on stable storage. */
  walSynced(seq: number): void
  walFailed(error: Error): void
  /** Syncs the writer's own file, after which its records in a retired log are no longer needed. */
  syncOwnFile(): Promise<void>
}

export interface SharedWalOptions {
  /** DATA_DIR/wal, recovered and emptied before the log opens (see recoverFromWal). */
  dir: string
  /** The first generation number to write (one past any recovered). */
  generation: number
  /** Syncs run on this timer: at most its delay after the first unsynced append. */
  syncTimer: BatchTimer
  /** Once a generation holds this many bytes the next sync starts a new one. */
  rotateBytes: number
  log: Logger
  /** Told how long each fsync took. */
  telemetry?: JournalTelemetry
}

interface Retired {
  fd: number
  path: string
  writers: Set<WalWriter>
}

export const walFileName = (generation: number): string => `${String(generation).padStart(12, '0')}.wal`

/**
 * One write-ahead log for all the boards of a store: each accepted update is written to this log
 * (and later, in batches, to its board's journal file), and durability comes from syncing the log
 * alone. With a file per board, 300 boards at 1.5 edits/s cost ~430 fdatasyncs a second (a group
 * rarely held more than one edit); here they cost one per group interval for all of them. A board's
 * own file is synced when the board closes and when the generation holding its records is retired,
 * which is what lets the old generation be deleted; on start, `recoverFromWal` puts back whatever a
 * kill or a power loss kept from a board's file.
 */
export class SharedWal {
  private fd: number
  private path: string
  private generation: number
  private size = 0
  /** Writers that appended to the current generation: its retirement syncs their files. */
  private writersThisGeneration = new Set<WalWriter>()
  /** Writers that appended since the last sync began, so the next sync must report to them. */
  private unsynced = new Set<WalWriter>()
  private readonly writers = new Set<WalWriter>()
  private syncRequested = false
  private syncing: Promise<void> | null = null
  private syncAgainAtOnce = false
  private retiring: Promise<void> = Promise.resolve()
  private failure: Error | null = null
  /** A writer closed without syncing its file: the log may hold what only the next start can restore. */
  private keepForRecovery = false
  private closed = false

  constructor(private readonly options: SharedWalOptions) {
    this.generation = options.generation
    this.path = join(options.dir, walFileName(this.generation))
    this.fd = this.openGeneration(this.path)
  }

  register(writer: WalWriter): void {
    this.writers.add(writer)
  }

  /**
   * `fileSynced`: the writer synced its own file as it closed, so no generation needs it any more
   * (holding on to it would keep a closed board, and its room, in memory until the next rotation).
   */
  unregister(writer: WalWriter, fileSynced: boolean): void {
    this.writers.delete(writer)
    if (!fileSynced) {
      this.keepForRecovery = true
      return
    }
    this.unsynced.delete(writer)
    this.writersThisGeneration.delete(writer)
  }

  /** Writes `journalRecord` (in `writer`'s own file at `fileOffset`) to the log; synced in the next group. */
  append(writer: WalWriter, fileOffset: number, journalRecord: Uint8Array): void {
    if (this.failure) throw this.failure
    if (this.closed) throw new Error('write-ahead log is closed')
    this.write(encodeWalEntry(writer.boardId, fileOffset, journalRecord))
    this.unsynced.add(writer)
    this.writersThisGeneration.add(writer)
    this.requestSync()
  }

  /** Notes that `boardId`'s own file is synced through `seq` (it closed): recovery skips that much. */
  markSynced(boardId: string, seq: number): void {
    if (this.failure || this.closed) return
    try {
      // Needs no sync of its own: lost, recovery compares records the board's file already holds.
      this.write(encodeWalSynced(boardId, seq))
    } catch {
      // Logged by fail(); a board closing must not fail for it.
    }
  }

  /** Syncs now rather than on the timer (someone waits for durability). */
  syncSoon(): void {
    if (this.syncing) {
      this.syncAgainAtOnce = true
      return
    }
    if (this.syncRequested) this.options.syncTimer.cancel(this.sync)
    this.sync()
  }

  private write(buf: Buffer): void {
    try {
      writeAll(this.fd, buf)
    } catch (e) {
      this.fail(e as Error)
      throw e
    }
    this.size += buf.length
  }

  private requestSync(): void {
    if (this.syncRequested || this.syncing || this.failure) return
    this.syncRequested = true
    this.options.syncTimer.request(this.sync)
  }

  private readonly sync = (): void => {
    this.syncRequested = false
    if (this.syncing || this.failure || this.closed || this.unsynced.size === 0) return
    const targets: Array<[WalWriter, number]> = []
    for (const writer of this.unsynced) targets.push([writer, writer.lastSeq])
    this.unsynced.clear()
    const fd = this.fd
    let retired: Retired | null = null
    try {
      if (this.size >= this.options.rotateBytes) retired = this.rotate()
    } catch (e) {
      return this.fail(e as Error)
    }
    const started = performance.now()
    this.syncing = new Promise<void>((resolve) =>
      fdatasync(fd, (err) => {
        this.syncing = null
        resolve()
        if (err) return this.fail(err)
        this.options.telemetry?.fsynced((performance.now() - started) / 1000)
        for (const [writer, seq] of targets) writer.walSynced(seq)
        if (retired) this.retire(retired)
        const atOnce = this.syncAgainAtOnce
        this.syncAgainAtOnce = false
        if (this.unsynced.size === 0) return
        if (atOnce) this.sync()
        else this.requestSync()
      })
    )
  }

  /** Starts the next generation; the current one is retired once its last sync completes. */
  private rotate(): Retired {
    const retired: Retired = { fd: this.fd, path: this.path, writers: this.writersThisGeneration }
    const path = join(this.options.dir, walFileName(this.generation + 1))
    this.fd = this.openGeneration(path)
    this.generation++
    this.path = path
    this.size = 0
    this.writersThisGeneration = new Set()
    return retired
  }

  /** Once the boards' own files hold what a generation holds, it is deleted. */
  private retire(retired: Retired): void {
    this.retiring = this.retiring
      .then(async () => {
        try {
          await Promise.all([...retired.writers].map((w) => w.syncOwnFile()))
        } finally {
          closeSync(retired.fd)
        }
        unlinkSync(retired.path)
        syncDirectory(this.options.dir)
      })
      .catch((err: Error) => this.options.log.warn({ err, file: retired.path }, 'a write-ahead log generation could not be retired; the next start reads it again'))
  }

  private openGeneration(path: string): number {
    const fd = openSync(path, 'a')
    // The new file's directory entry must survive a power loss before anything relies on it.
    syncDirectory(this.options.dir)
    return fd
  }

  private fail(error: Error): void {
    if (this.failure) return
    this.failure = error
    this.options.log.error({ err: error, file: this.path }, 'write-ahead log write failed')
    for (const writer of this.writers) writer.walFailed(error)
  }

  /**
   * Call after every writer closed (each synced its own file): the log then holds nothing needed,
   * and is deleted. Writers still open, or closed unsynced, keep it for the next start's recovery.
   */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.options.syncTimer.cancel(this.sync)
    await this.syncing
    await this.retiring
    closeSync(this.fd)
    if (this.writers.size > 0 || this.failure || this.keepForRecovery) return
    try {
      unlinkSync(this.path)
      syncDirectory(this.options.dir)
    } catch (err) {
      this.options.log.warn({ err, file: this.path }, 'write-ahead log could not be deleted; the next start reads it again')
    }
  }
}

export function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

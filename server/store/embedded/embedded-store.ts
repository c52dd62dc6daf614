import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { isBoardId } from '../../../shared/board-id'
import { BatchTimer } from '../../batch-timer'
import type { Clock } from '../../clock'
import type { Logger } from '../../log'
import type { JournalTelemetry } from '../journal-telemetry'
import type { Store } from '../store'
import { FileJournal } from './file-journal'
import { HistoryFiles } from './history-files'
import { openLowdbMetadata } from './lowdb-metadata'
import { SharedWal } from './shared-wal'
import { snapshotFiles } from './snapshot-files'
import { UnwrittenTails } from './unwritten-tails'
import { recoverFromWal } from './wal-recovery'

export interface EmbeddedStoreOptions {
  dataDir: string
  fsyncIntervalMs: number
  log: Logger
  /** Told about each journal's fsyncs (metrics). */
  telemetry?: JournalTelemetry
  /** A write-ahead log generation is retired once it holds this many bytes (default 16 MiB). */
  walRotateBytes?: number
  /** What the log's sync waits on (fsyncIntervalMs): the service's clock; a test's manual clock moves it on. */
  syncClock?: Clock
  /** What appends wait on before they reach their board's file (FILE_WRITE_DELAY_MS); a test's manual clock moves it on. */
  fileWriteClock?: Clock
}

/** Bounds what a start has to read back from the log: ~100,000 small edits. */
const WAL_ROTATE_BYTES = 16 * 1024 * 1024
/**
 * How long appends, safe in the log, may wait in memory before they reach their board's file: at
 * 1.5 edits/s a board then writes once per ~4 edits; a start after a kill restores at most this much.
 */
const FILE_WRITE_DELAY_MS = 2000

/** The default store: lowdb metadata in DATA_DIR/meta.json, a journal folder per board. */
export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<Store> {
  await mkdir(join(options.dataDir, 'boards'), { recursive: true })
  const metadata = await openLowdbMetadata(join(options.dataDir, 'meta.json'))
  // Before any journal opens: each board's file must hold what the log vouched for.
  const generation = await recoverFromWal(options.dataDir, options.log)
  // One sync of one log for every board, at most fsyncIntervalMs after the first unsynced append.
  const wal = new SharedWal({
    dir: join(options.dataDir, 'wal'),
    generation,
    syncTimer: new BatchTimer(options.fsyncIntervalMs, true, options.syncClock),
    rotateBytes: options.walRotateBytes ?? WAL_ROTATE_BYTES,
    log: options.log,
    telemetry: options.telemetry
  })
  // Not keeping the process alive: a journal writes what it holds when it closes, and the log has it anyway.
  const fileWriteTimer = new BatchTimer(FILE_WRITE_DELAY_MS, false, options.fileWriteClock)
  const unwritten = new UnwrittenTails()
  return {
    metadata,
    journals: {
      async open(boardId) {
        // Validated here too, so no caller can ever turn a board id into a path elsewhere.
        if (!isBoardId(boardId)) throw new Error('invalid board id')
        return new FileJournal({
          dir: join(options.dataDir, 'boards', boardId),
          boardId,
          wal,
          fileWriteTimer,
          unwritten,
          log: options.log,
          telemetry: options.telemetry
        })
      }
    },
    snapshots: snapshotFiles(join(options.dataDir, 'boards')),
    history: {
      async open(boardId) {
        if (!isBoardId(boardId)) throw new Error('invalid board id')
        return new HistoryFiles(join(options.dataDir, 'boards', boardId, 'history'), options.log)
      }
    },
    close: async () => {
      await wal.close()
      await metadata.close()
    }
  }
}

import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { isBoardId } from '../../../shared/board-id'
import { BatchTimer } from '../../batch-timer'
import type { Logger } from '../../log'
import type { JournalTelemetry } from '../journal-telemetry'
import type { Store } from '../metadata'
import { FileJournal } from './file-journal'
import { HistoryFiles } from './history-files'
import { openLowdbMetadata } from './lowdb-metadata'
import { snapshotFiles } from './snapshot-files'

export interface EmbeddedStoreOptions {
  dataDir: string
  fsyncIntervalMs: number
  log: Logger
  /** Told about each journal's fsyncs (metrics). */
  telemetry?: JournalTelemetry
}

/** The default store: lowdb metadata in DATA_DIR/meta.json, a journal folder per board. */
export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<Store> {
  await mkdir(join(options.dataDir, 'boards'), { recursive: true })
  const metadata = await openLowdbMetadata(join(options.dataDir, 'meta.json'))
  // One fsync tick for every board: each syncs at most fsyncIntervalMs after its first unsynced append.
  const syncTimer = new BatchTimer(options.fsyncIntervalMs)
  return {
    metadata,
    journals: {
      async open(boardId) {
        // Validated here too, so no caller can ever turn a board id into a path elsewhere.
        if (!isBoardId(boardId)) throw new Error('invalid board id')
        return new FileJournal({
          dir: join(options.dataDir, 'boards', boardId),
          syncTimer,
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
    close: () => metadata.close()
  }
}

import { isBoardId } from '../../../shared/board-id'
import type { Logger } from '../../log'
import type { JournalTelemetry } from '../journal-telemetry'
import type { Store } from '../store'
import { pgHistory } from './pg-history'
import { PgJournal } from './pg-journal'
import { pgMetadata } from './pg-metadata'
import { applyMigrations } from './pg-migrations'
import { createPgPool } from './pg-pool'
import { pgSecrets } from './pg-secrets'
import { pgSnapshots } from './pg-snapshots'

export interface PostgresStoreOptions {
  /** A libpq-style connection URL (DATABASE_URL). */
  url: string
  /** The schema holding every table; created on first open. */
  schema?: string
  /** Connections in this instance's pool. */
  poolSize?: number
  log: Logger
  /** Told how long each journal commit took (reported like the embedded journal's fsyncs). */
  telemetry?: JournalTelemetry
}

export const DEFAULT_SCHEMA = 'common_ground'

/**
 * The store for several instances: metadata, journals, checkpoints, snapshots, derived history and
 * the service's secrets in one PostgreSQL schema, brought up to date on open.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const schema = options.schema ?? DEFAULT_SCHEMA
  const pool = await createPgPool({ url: options.url, schema, max: options.poolSize })
  try {
    const applied = await applyMigrations(pool, schema)
    if (applied.length > 0) options.log.info({ schema, applied }, 'PostgreSQL schema migrated')
  } catch (e) {
    await pool.end().catch(() => {})
    throw new Error(`cannot open the PostgreSQL store (schema ${schema}): ${(e as Error).message}`, { cause: e })
  }
  const history = pgHistory(pool)
  let closing: Promise<void> | null = null
  return {
    metadata: pgMetadata(pool),
    journals: {
      async open(boardId) {
        if (!isBoardId(boardId)) throw new Error('invalid board id')
        return new PgJournal(pool, boardId, options.log, options.telemetry)
      }
    },
    snapshots: pgSnapshots(pool),
    history: {
      async open(boardId) {
        if (!isBoardId(boardId)) throw new Error('invalid board id')
        return history.open(boardId)
      }
    },
    secrets: pgSecrets(pool),
    close() {
      closing ??= pool.end()
      return closing
    }
  }
}

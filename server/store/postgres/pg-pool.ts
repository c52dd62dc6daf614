import type pg from 'pg'

export interface PgPoolOptions {
  url: string
  /** Every table lives in this schema (so tests and deployments can share one database). */
  schema: string
  /** Connections per instance; appends of one board share a transaction, so a few go a long way. */
  max?: number
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/** A quoted identifier for a schema name we accept (lower-case letters, digits, underscores). */
export function schemaIdent(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}"`)
  return `"${schema}"`
}

/**
 * A pool whose connections resolve unqualified table names in `schema`. The search path is a
 * startup parameter, so no query can ever run on a connection before it is set.
 */
export async function createPgPool(options: PgPoolOptions): Promise<pg.Pool> {
  // Loaded only when PostgreSQL is configured: the embedded default never needs the driver.
  const { default: pgModule } = await import('pg')
  const pool = new pgModule.Pool({
    connectionString: options.url,
    options: `-c search_path=${schemaIdent(options.schema)}`,
    max: options.max ?? 10,
    // An unreachable database must fail appends within seconds, not hang the board: the journal
    // then fails and the room refuses writes until the board is loaded again.
    connectionTimeoutMillis: 5000,
    query_timeout: 10_000,
    keepAlive: true,
    idleTimeoutMillis: 30_000
  })
  // An idle connection that dies (restart, network) is dropped by the pool; without a listener the
  // 'error' event would crash the process.
  pool.on('error', () => {})
  return pool
}

/** Runs `work` in one transaction on one connection, rolling back if it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN'
): Promise<T> {
  const client = await pool.connect()
  let broken = false
  try {
    await client.query(begin)
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {
      broken = true
    })
    throw e
  } finally {
    client.release(broken)
  }
}

/** bigint columns arrive as strings (they may exceed 2^53); ours never do. */
export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v))

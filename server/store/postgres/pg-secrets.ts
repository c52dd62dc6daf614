import type pg from 'pg'
import type { SecretKeeper } from '../secrets'

/** Secrets in one table. Insert-if-absent then read: instances starting together all end up with the first value written. */
export function pgSecrets(pool: pg.Pool): SecretKeeper {
  return {
    async loadOrCreate(name, make) {
      const inserted = await pool.query<{ value: string }>(
        'INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING value',
        [name, make()]
      )
      if (inserted.rows[0]) return { value: inserted.rows[0].value, created: true }
      const res = await pool.query<{ value: string }>('SELECT value FROM secrets WHERE name = $1', [name])
      return { value: res.rows[0]!.value, created: false }
    }
  }
}

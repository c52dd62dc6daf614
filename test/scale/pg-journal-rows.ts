import pg from 'pg'
import { TEST_DATABASE_URL } from '../support/postgres'

/** The seqs stored for a board, read straight from PostgreSQL (what replay and metrics rely on). */
export async function storedSeqs(schema: string, boardId: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
  await client.connect()
  try {
    const res = await client.query<{ seq: string }>(`SELECT seq FROM "${schema}".journal_entries WHERE board_id = $1 ORDER BY seq`, [boardId])
    return res.rows.map((r) => Number(r.seq))
  } finally {
    await client.end()
  }
}

/** Whether `seqs` is exactly 1, 2, …, n. */
export const gapFree = (seqs: number[]): boolean => seqs.every((s, i) => s === i + 1)

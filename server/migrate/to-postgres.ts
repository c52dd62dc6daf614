import type pg from 'pg'
import { JournalDamagedError } from '../store/journal'
import { countAllBoards, countBoard, existingBoards, importBoard, readSecret, writeSecret, type BoardBundle, type BoardCounts } from '../store/postgres/pg-import'
import { applyMigrations } from '../store/postgres/pg-migrations'
import { createPgPool } from '../store/postgres/pg-pool'
import { openEmbeddedSource } from './embedded-reader'

export interface MigrationOptions {
  dataDir: string
  url: string
  schema: string
  /** Boards the target already has are checked against the source and left alone, instead of refusing. */
  skipExisting: boolean
  /** Progress lines. */
  progress?: (line: string) => void
}

export interface MigrationSummary {
  boards: number
  /** Boards that were already in the target (with --skip-existing) and matched the source. */
  skipped: string[]
  entries: number
  /** Bytes of Yjs updates copied, and of the journal files they came from. */
  updateBytes: number
  journalBytes: number
  checkpoints: number
  snapshots: number
  invites: number
  participants: number
  sessionMarks: number
  pulses: number
  secrets: string[]
  /** Bytes of torn last journal records left out (a crash mid-write; the store drops them on load too). */
  tornBytes: number
  orphanFolders: string[]
}

/** The migration would lose or overwrite something; nothing was changed for the reason given. */
export class MigrationRefused extends Error {
  override name = 'MigrationRefused'
}

const expectedCounts = (b: BoardBundle): BoardCounts => ({
  invites: b.invites.length,
  participants: b.participants.length,
  sessionMarks: b.sessionMarks.length,
  pulses: b.pulses.length,
  voteRounds: b.voteRounds.length,
  ballots: b.ballots.length,
  entries: b.entries.length,
  lastSeq: b.entries.at(-1)?.seq ?? 0,
  updateBytes: b.entries.reduce((n, e) => n + e.update.byteLength, 0),
  checkpoints: b.checkpoints.length,
  snapshots: b.snapshots.length
})

async function verify(pool: pg.Pool, bundle: BoardBundle): Promise<BoardCounts> {
  const want = expectedCounts(bundle)
  const got = await countBoard(pool, bundle.board.id)
  const differs = (Object.keys(want) as Array<keyof BoardCounts>).filter((k) => want[k] !== got[k])
  if (differs.length > 0) {
    const detail = differs.map((k) => `${k}: source ${want[k]}, target ${got[k]}`).join('; ')
    throw new Error(`board ${bundle.board.id} differs in the target after migration (${detail})`)
  }
  return got
}

/**
 * Copies an embedded DATA_DIR into PostgreSQL: metadata, every journal entry (seq, at, participant,
 * bytes), checkpoints, snapshots and the secrets (so existing tokens keep working). Derived history
 * is not copied: the server derives it again from the journal when it first loads each board.
 * Every board is checked before anything is written, and written in its own transaction.
 */
export async function migrateToPostgres(options: MigrationOptions): Promise<MigrationSummary> {
  const say = options.progress ?? (() => {})
  const source = await openEmbeddedSource(options.dataDir)
  for (const id of source.boardIds) {
    try {
      await source.read(id)
    } catch (e) {
      if (e instanceof JournalDamagedError) throw new MigrationRefused(`board ${id}: ${e.message}; nothing was copied`)
      throw e
    }
  }
  const pool = await createPgPool({ url: options.url, schema: options.schema, max: 2 })
  try {
    await applyMigrations(pool, options.schema)
    const existing = new Set(await existingBoards(pool, source.boardIds))
    if (existing.size > 0 && !options.skipExisting) {
      const some = [...existing].slice(0, 5).join(', ')
      throw new MigrationRefused(
        `the target (schema ${options.schema}) already has ${existing.size} of these boards (${some}); nothing was copied. ` +
          'Re-run with --skip-existing to copy only the others (existing ones are checked against the source).'
      )
    }
    const targetBoards = await countAllBoards(pool)
    const secretWrites: Array<{ name: string; value: string }> = []
    for (const s of source.secrets) {
      const current = await readSecret(pool, s.name)
      if (current === s.value) continue
      // A target that already serves boards signed its tokens with its own key: replacing it would break them.
      if (current !== null && targetBoards > 0) {
        throw new MigrationRefused(`the target already has a different ${s.name} and boards of its own; nothing was copied`)
      }
      secretWrites.push(s)
    }
    for (const s of secretWrites) {
      const replacing = (await readSecret(pool, s.name)) !== null
      await writeSecret(pool, s.name, s.value)
      say(`secret ${s.name} copied${replacing ? " over the target's own: restart instances already running on it" : ''}`)
    }
    const summary: MigrationSummary = {
      boards: 0,
      skipped: [],
      entries: 0,
      updateBytes: 0,
      journalBytes: 0,
      checkpoints: 0,
      snapshots: 0,
      invites: 0,
      participants: 0,
      sessionMarks: 0,
      pulses: 0,
      secrets: source.secrets.map((s) => s.name),
      tornBytes: 0,
      orphanFolders: source.orphanFolders
    }
    for (const id of source.boardIds) {
      const { bundle, tornBytes, journalBytes } = await source.read(id)
      if (existing.has(id)) {
        await verify(pool, bundle)
        summary.skipped.push(id)
        say(`board ${id}: already in the target and matching, skipped`)
        continue
      }
      await importBoard(pool, bundle)
      const counts = await verify(pool, bundle)
      summary.boards++
      summary.entries += counts.entries
      summary.updateBytes += counts.updateBytes
      summary.journalBytes += journalBytes
      summary.checkpoints += counts.checkpoints
      summary.snapshots += counts.snapshots
      summary.invites += counts.invites
      summary.participants += counts.participants
      summary.sessionMarks += counts.sessionMarks
      summary.pulses += counts.pulses
      summary.tornBytes += tornBytes
      say(`board ${id}: ${counts.entries} entries, ${counts.checkpoints} checkpoints, ${counts.snapshots} snapshots`)
    }
    return summary
  } finally {
    await pool.end()
  }
}

import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_SCHEMA } from '../store/postgres/postgres-store'
import { MigrationRefused, migrateToPostgres } from './to-postgres'

const USAGE = `usage: npm run migrate -- --to postgres [--data-dir DIR] [--database-url URL] [--schema NAME] [--skip-existing]
  DIR defaults to $DATA_DIR (else ./data), URL to $DATABASE_URL, NAME to $DATABASE_SCHEMA (else ${DEFAULT_SCHEMA}).`

/** `npm run migrate -- --to postgres`: copies an embedded DATA_DIR into PostgreSQL. Exit 2: refused, nothing copied. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      to: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      schema: { type: 'string' },
      'skip-existing': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false }
    }
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  if (values.to !== 'postgres') {
    process.stderr.write(`--to postgres is the only migration there is\n${USAGE}\n`)
    return 64
  }
  const url = values['database-url'] ?? process.env.DATABASE_URL
  if (!url) {
    process.stderr.write(`no database: give --database-url or set DATABASE_URL\n${USAGE}\n`)
    return 64
  }
  const dataDir = resolve(values['data-dir'] ?? (process.env.DATA_DIR || './data'))
  const schema = values.schema ?? (process.env.DATABASE_SCHEMA || DEFAULT_SCHEMA)
  const started = Date.now()
  process.stdout.write(`migrating ${dataDir} into PostgreSQL (schema ${schema})\n`)
  const s = await migrateToPostgres({
    dataDir,
    url,
    schema,
    skipExisting: values['skip-existing'],
    progress: (line) => process.stdout.write(`  ${line}\n`)
  })
  const lines = [
    `done in ${((Date.now() - started) / 1000).toFixed(1)} s, verified: every count below matches the source`,
    `  boards        ${s.boards} copied${s.skipped.length > 0 ? `, ${s.skipped.length} already there (checked, skipped)` : ''}`,
    `  entries       ${s.entries} (${s.updateBytes} bytes of updates, from ${s.journalBytes} bytes of journal files)`,
    `  checkpoints   ${s.checkpoints}`,
    `  snapshots     ${s.snapshots}`,
    `  invites       ${s.invites}, participants ${s.participants}, sessions ${s.sessionMarks}, pulses ${s.pulses}`,
    `  secrets       ${s.secrets.join(', ') || 'none in DATA_DIR'}`,
    '  history       derived again from the journals when each board first loads'
  ]
  if (s.tornBytes > 0) lines.push(`  note: ${s.tornBytes} bytes of torn last journal records were left out (as a load would)`)
  if (s.orphanFolders.length > 0) lines.push(`  note: board folders without a board record, not copied: ${s.orphanFolders.join(', ')}`)
  process.stdout.write(`${lines.join('\n')}\n`)
  return 0
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`migration ${err instanceof MigrationRefused ? 'refused' : 'failed'}: ${err.message}\n`)
    process.exit(err instanceof MigrationRefused ? 2 : 1)
  }
)

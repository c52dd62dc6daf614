import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ADMIN_TOKEN_SECRET, SIGNING_KEY_SECRET } from '../auth/secrets'
import { createLogger } from '../log'
import { decodeCheckpoint, seqOfCheckpointFile } from '../store/embedded/checkpoint-file'
import { scanJournal } from '../store/embedded/journal-scan'
import { openLowdbMetadata } from '../store/embedded/lowdb-metadata'
import { snapshotFiles } from '../store/embedded/snapshot-files'
import { recoverFromWal } from '../store/embedded/wal-recovery'
import type { Checkpoint, JournalEntry } from '../store/journal'
import { decodeRecord } from '../store/journal-record'
import type { MetadataStore } from '../store/metadata'
import type { BoardBundle } from '../store/postgres/pg-import'

/**
 * Reads an embedded DATA_DIR without changing a byte of it (the store's own load would cut a torn
 * last record; here it is only left out and reported), so a migration can be run against a copy or
 * the original alike, and repeated.
 */
export interface EmbeddedSource {
  boardIds: string[]
  /** Board folders with a journal but no board record (reported, not copied). */
  orphanFolders: string[]
  secrets: Array<{ name: string; value: string }>
  read(boardId: string): Promise<{ bundle: BoardBundle; tornBytes: number; journalBytes: number }>
}

async function readOptional(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
}

async function listDir(path: string): Promise<string[]> {
  try {
    return await readdir(path)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw e
  }
}

/** The journal's valid records and the checkpoints that match an exact prefix of it, oldest first. */
async function readJournal(boardDir: string): Promise<{ entries: JournalEntry[]; checkpoints: Checkpoint[]; tornBytes: number; journalBytes: number }> {
  const buf = (await readOptional(join(boardDir, 'journal.cgj'))) ?? Buffer.alloc(0)
  // Throws JournalDamagedError for damage anywhere but a torn end: such a board is not migrated.
  const scan = scanJournal(buf)
  const entries: JournalEntry[] = []
  let offset = 0
  for (const end of scan.ends) {
    entries.push(decodeRecord(buf, offset, end))
    offset = end
  }
  const checkpoints: Checkpoint[] = []
  const names = (await listDir(join(boardDir, 'checkpoints'))).filter((n) => seqOfCheckpointFile(n) !== null).sort()
  for (const name of names) {
    const cp = decodeCheckpoint(await readFile(join(boardDir, 'checkpoints', name)))
    if (cp && cp.seq === seqOfCheckpointFile(name) && cp.seq <= scan.lastSeq && scan.ends[cp.seq - 1] === cp.journalEnd) {
      checkpoints.push({ seq: cp.seq, at: cp.at, state: cp.state })
    }
  }
  return { entries, checkpoints, tornBytes: buf.length - scan.validEnd, journalBytes: scan.validEnd }
}

export async function openEmbeddedSource(dataDir: string): Promise<EmbeddedSource> {
  if ((await readOptional(join(dataDir, 'meta.json'))) === null) throw new Error(`${dataDir} holds no embedded store (no meta.json)`)
  // A server that was killed may have left entries that only its write-ahead log holds (power loss).
  await recoverFromWal(dataDir, createLogger('warn'))
  // Read only: the store is never closed, since closing would rewrite meta.json.
  const metadata: MetadataStore = await openLowdbMetadata(join(dataDir, 'meta.json'))
  const boardIds = (await metadata.listBoards()).map((b) => b.id)
  const known = new Set(boardIds)
  const orphanFolders = (await listDir(join(dataDir, 'boards'))).filter((name) => !known.has(name))
  const secrets: EmbeddedSource['secrets'] = []
  for (const name of [ADMIN_TOKEN_SECRET, SIGNING_KEY_SECRET]) {
    const value = (await readOptional(join(dataDir, name)))?.toString('utf8').trim()
    if (value) secrets.push({ name, value })
  }
  const snapshots = snapshotFiles(join(dataDir, 'boards'))
  return {
    boardIds,
    orphanFolders,
    secrets,
    async read(boardId) {
      const board = (await metadata.getBoard(boardId))!
      const journal = await readJournal(join(dataDir, 'boards', boardId))
      const snapshotList = []
      for (const s of await snapshots.list(boardId)) {
        const full = await snapshots.get(boardId, s.id)
        if (full) snapshotList.push(full)
      }
      return {
        bundle: {
          board,
          invites: await metadata.listInvites(boardId),
          participants: await metadata.listParticipants(boardId),
          sessionMarks: await metadata.listSessionMarks(boardId),
          pulses: await metadata.listPulses(boardId),
          voteRounds: await metadata.listVoteRounds(boardId),
          ballots: await metadata.listBallots(boardId),
          entries: journal.entries,
          checkpoints: journal.checkpoints,
          snapshots: snapshotList
        },
        tornBytes: journal.tornBytes,
        journalBytes: journal.journalBytes
      }
    }
  }
}

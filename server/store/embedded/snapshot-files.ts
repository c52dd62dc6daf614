import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isBoardId } from '../../../shared/board-id'
import type { SnapshotSummary } from '../../../shared/api/snapshots'
import type { SnapshotRecord, SnapshotStore } from '../snapshots'

const SNAPSHOT_ID = /^[A-Za-z0-9_-]{1,64}$/

/** One JSON file per snapshot in the board's folder; the ids come from the server, never the client. */
export function snapshotFiles(boardsDir: string): SnapshotStore {
  const dir = (boardId: string) => {
    if (!isBoardId(boardId)) throw new Error('invalid board id')
    return join(boardsDir, boardId, 'snapshots')
  }
  const read = async (boardId: string, id: string): Promise<SnapshotRecord | null> => {
    if (!SNAPSHOT_ID.test(id)) return null
    try {
      return JSON.parse(await readFile(join(dir(boardId), `${id}.json`), 'utf8')) as SnapshotRecord
    } catch {
      return null
    }
  }
  return {
    async create(snapshot) {
      if (!SNAPSHOT_ID.test(snapshot.id)) throw new Error('invalid snapshot id')
      const folder = dir(snapshot.boardId)
      await mkdir(folder, { recursive: true })
      const path = join(folder, `${snapshot.id}.json`)
      await writeFile(`${path}.tmp`, JSON.stringify(snapshot))
      await rename(`${path}.tmp`, path)
    },
    async list(boardId) {
      let names: string[]
      try {
        names = await readdir(dir(boardId))
      } catch {
        return []
      }
      const out: SnapshotSummary[] = []
      for (const name of names) {
        if (!name.endsWith('.json')) continue
        const s = await read(boardId, name.slice(0, -'.json'.length))
        if (s) out.push({ id: s.id, boardId: s.boardId, name: s.name, at: s.at, seq: s.seq, kind: s.kind, createdAt: s.createdAt })
      }
      return out.sort((a, b) => a.at - b.at || a.createdAt - b.createdAt)
    },
    get: read
  }
}

import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import * as Y from 'yjs'
import { decodeRecord } from '../../server/store/journal-record'
import { scanJournal } from '../../server/store/embedded/journal-scan'
import { readWalRecords } from '../../server/store/embedded/wal-record'
import type { JournalEntry } from '../../server/store/journal'
import type { Role } from '../../shared/roles'

/** What every campaign returns: its figures, printed by the runner and asserted on by the tests. */
export type Figures = Record<string, number | string | boolean | Record<string, number>>

export interface CampaignOptions {
  seed: number
  long: boolean
  /** Progress lines; the quick forms in `npm test` pass a no-op. */
  log: (line: string) => void
}

/** The admin API of a running server, enough to set a campaign up. */
export function adminApi(baseUrl: string, adminToken: string) {
  async function post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body)
    })
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }
  return {
    createBoard: (title: string) => post<{ id: string }>('/api/boards', { title }),
    invite: async (boardId: string, role: Role) => (await post<{ token: string }>(`/api/boards/${boardId}/invites`, { role })).token
  }
}

/** Resident set size of a process in MB, from /proc (null once it is gone). */
export function rssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : null
  } catch {
    return null
  }
}

/** Samples a process's RSS until stopped; peak and the series' shape tell whether memory is bounded. */
export function rssSampler(pid: number, everyMs = 250) {
  const samples: number[] = []
  const timer = setInterval(() => {
    const v = rssMb(pid)
    if (v !== null) samples.push(v)
  }, everyMs)
  return {
    samples,
    stop() {
      clearInterval(timer)
      return {
        first: samples[0] ?? 0,
        peak: Math.max(0, ...samples),
        last: samples.at(-1) ?? 0
      }
    }
  }
}

/** Every record of a journal file, read directly (the server may be running: it only appends). */
export function readJournalFile(path: string): JournalEntry[] {
  const buf = readFileSync(path)
  const scan = scanJournal(buf)
  const entries: JournalEntry[] = []
  let offset = 0
  for (const end of scan.ends) {
    entries.push(decodeRecord(buf, offset, end))
    offset = end
  }
  return entries
}

/**
 * A running board's journal: its file, then the appends only the write-ahead log holds so far (they
 * reach the file in batches, and a board whose file failed keeps them there until it loads again).
 */
export function readJournalWithLog(path: string, walDir: string, boardId: string): JournalEntry[] {
  const bySeq = new Map(readJournalFile(path).map((e) => [e.seq, e]))
  for (const name of readdirSync(walDir).filter((n) => n.endsWith('.wal')).sort()) {
    for (const r of readWalRecords(readFileSync(join(walDir, name))).records) {
      if (r.kind !== 'entry' || r.boardId !== boardId) continue
      const entry = decodeRecord(r.journalRecord, 0, r.journalRecord.length)
      if (!bySeq.has(entry.seq)) bySeq.set(entry.seq, entry)
    }
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq)
}

/** Keys of `concepts` that an update inserts (not edits of existing ones). */
export function insertedConceptKeys(update: Uint8Array, pattern: RegExp): string[] {
  const { structs } = Y.decodeUpdate(update)
  return structs.flatMap((s) => {
    const item = s as unknown as { parentSub?: string | null }
    return item.parentSub && pattern.test(item.parentSub) ? [item.parentSub] : []
  })
}

/** How many journal entries insert each key: 1 each is "nothing lost, nothing duplicated". */
export function insertionCounts(entries: JournalEntry[], pattern: RegExp): Map<string, number> {
  const counts = new Map<string, number>()
  for (const e of entries) for (const key of insertedConceptKeys(e.update, pattern)) counts.set(key, (counts.get(key) ?? 0) + 1)
  return counts
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits

/** CPU seconds (user + system) a process has used so far, from /proc (null once it is gone). */
export function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    // utime and stime are fields 14 and 15 of stat(5), 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return null
  }
}

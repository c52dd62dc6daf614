import { mkdir, open, readdir, readFile, rename, rm, stat, truncate, unlink, writeFile, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../../log'
import type { BoardHistory, HistoryPosition, HistoryRecord, KeyframeInfo, MapKeyframe } from '../history'
import { writeAll } from './write-all'

const RECORDS_FILE = 'records.jsonl'
const KEYFRAME_DIR = 'keyframes'
/** `<seq>-<at>-<eventCount>-<offset>.json`: the index of a keyframe is its name, so opening reads no keyframe. */
const KEYFRAME_NAME = /^(\d+)-(\d+)-(\d+)-(\d+)\.json$/
const READ_CHUNK = 256 * 1024
/** A remembered (seq, offset) pair every this many records keeps reads from scanning from the start. */
const MARK_EVERY = 128

interface Mark {
  seq: number
  /** Byte offset just after record `seq`. */
  offset: number
}

interface StoredKeyframe extends KeyframeInfo {
  offset: number
}

/** One record as a line; `seq` first, so that a reader can skip lines without parsing them. */
interface RecordLine {
  seq: number
  at: number
  p: string
  n: number
  e: HistoryRecord['events']
  c: HistoryRecord['changes']
}

const toLine = (r: HistoryRecord): string =>
  `${JSON.stringify({ seq: r.seq, at: r.at, p: r.participantId, n: r.eventsBefore, e: r.events, c: r.changes } satisfies RecordLine)}\n`

const fromLine = (line: string): HistoryRecord => {
  const l = JSON.parse(line) as RecordLine
  return { seq: l.seq, at: l.at, participantId: l.p, eventsBefore: l.n, events: l.e, changes: l.c }
}

/** The seq of a line written by `toLine`, read without parsing the rest. */
const seqOfLine = (line: string): number => Number(line.slice(7, line.indexOf(',', 7)))

/**
 * A board's derived history as files in `<board>/history/`: `records.jsonl` (one JSON line per
 * journal entry, appended, never rewritten) and `keyframes/` (one JSON map per file). Nothing is
 * fsync'd: this is a cache of the journal, and whatever a crash loses is derived again from it.
 */
export class HistoryFiles implements BoardHistory {
  private handle: FileHandle | null = null
  private size = 0
  private position: HistoryPosition = { lastSeq: 0, lastAt: 0, eventCount: 0 }
  private marks: Mark[] = [{ seq: 0, offset: 0 }]
  private keyframeIndex: StoredKeyframe[] = []
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly dir: string,
    private readonly log: Logger
  ) {}

  private get recordsPath(): string {
    return join(this.dir, RECORDS_FILE)
  }

  private get keyframeDir(): string {
    return join(this.dir, KEYFRAME_DIR)
  }

  async open(): Promise<HistoryPosition> {
    await mkdir(this.keyframeDir, { recursive: true })
    try {
      await this.readEnd()
    } catch (err) {
      // A cache that cannot be read is thrown away and derived again, never served.
      this.log.warn({ dir: this.dir, err }, 'derived history unreadable: dropping it')
      await this.reset()
    }
    await this.readKeyframeIndex()
    this.handle = await open(this.recordsPath, 'a')
    return { ...this.position }
  }

  /** Finds the last complete line, cutting off a torn one. */
  private async readEnd(): Promise<void> {
    let size: number
    try {
      size = (await stat(this.recordsPath)).size
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return
      throw e
    }
    if (size === 0) return
    const fd = await open(this.recordsPath, 'r')
    try {
      let window = Math.min(size, 64 * 1024)
      for (;;) {
        const buf = Buffer.allocUnsafe(window)
        await fd.read(buf, 0, window, size - window)
        const end = buf.lastIndexOf(0x0a)
        if (end < 0 && window < size) {
          window = Math.min(size, window * 4)
          continue
        }
        if (end < 0) {
          await truncate(this.recordsPath, 0)
          return
        }
        const validEnd = size - window + end + 1
        if (validEnd < size) {
          this.log.warn({ dir: this.dir, dropped: size - validEnd }, 'dropping a torn last history record')
          await truncate(this.recordsPath, validEnd)
        }
        const start = buf.lastIndexOf(0x0a, end - 1)
        if (start < 0 && window < size) {
          window = Math.min(size, window * 4)
          continue
        }
        const last = fromLine(buf.toString('utf8', start + 1, end))
        this.size = validEnd
        this.position = { lastSeq: last.seq, lastAt: last.at, eventCount: last.eventsBefore + last.events.length }
        this.marks = [{ seq: 0, offset: 0 }, { seq: last.seq, offset: validEnd }]
        return
      }
    } finally {
      await fd.close()
    }
  }

  private async readKeyframeIndex(): Promise<void> {
    const index: StoredKeyframe[] = []
    for (const name of await readdir(this.keyframeDir)) {
      const m = KEYFRAME_NAME.exec(name)
      if (!m) continue
      const [seq, at, eventCount, offset] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])]
      // A keyframe past the records (they were cut after a crash) describes nothing stored.
      if (seq > this.position.lastSeq || offset > this.size) {
        await unlink(join(this.keyframeDir, name)).catch(() => {})
        continue
      }
      index.push({ seq, at, eventCount, offset })
    }
    this.keyframeIndex = index.sort((a, b) => a.seq - b.seq)
    for (const k of this.keyframeIndex) this.addMark(k.seq, k.offset)
  }

  private addMark(seq: number, offset: number): void {
    const last = this.marks[this.marks.length - 1]!
    if (seq > last.seq) {
      this.marks.push({ seq, offset })
      return
    }
    const i = this.markBefore(seq)
    if (this.marks[i]!.seq !== seq) this.marks.splice(i + 1, 0, { seq, offset })
  }

  /** Index of the last mark with seq ≤ `seq`. */
  private markBefore(seq: number): number {
    let lo = 0
    let hi = this.marks.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.marks[mid]!.seq <= seq) lo = mid
      else hi = mid - 1
    }
    return lo
  }

  append(records: readonly HistoryRecord[]): Promise<void> {
    // After any earlier append, so that records land in seq order; a throw here rejects `run`.
    const run = this.writing.then(() => {
      if (!this.handle) throw new Error('history is not open')
      let expected = this.position.lastSeq + 1
      for (const r of records) {
        if (r.seq !== expected++) throw new Error(`history record ${r.seq} does not continue at ${this.position.lastSeq}`)
      }
      if (records.length === 0) return
      const lines = records.map(toLine)
      const buf = Buffer.from(lines.join(''), 'utf8')
      // Written synchronously into the page cache, as the journal is: a few microseconds, where an
      // async write costs a thread-pool round trip and its promise for every board on every tick.
      writeAll(this.handle.fd, buf)
      let offset = this.size
      for (const [i, r] of records.entries()) {
        offset += Buffer.byteLength(lines[i]!)
        if (r.seq % MARK_EVERY === 0) this.addMark(r.seq, offset)
      }
      this.size += buf.length
      const last = records[records.length - 1]!
      this.position = { lastSeq: last.seq, lastAt: last.at, eventCount: last.eventsBefore + last.events.length }
    })
    this.writing = run.catch(() => {})
    return run
  }

  async read(afterSeq: number, limit: number): Promise<HistoryRecord[]> {
    const out: HistoryRecord[] = []
    if (limit <= 0) return out
    await this.scan(afterSeq, (line) => {
      out.push(fromLine(line))
      return out.length < limit
    })
    return out
  }

  /** Calls `visit` with each line of a record after `afterSeq`, in order, until it returns false. */
  private async scan(afterSeq: number, visit: (line: string, seq: number, end: number) => boolean): Promise<void> {
    await this.writing
    const size = this.size
    const mark = this.marks[this.markBefore(Math.max(0, afterSeq))]!
    let offset = mark.offset
    if (offset >= size) return
    const fd = await open(this.recordsPath, 'r')
    try {
      // Lines are cut on bytes (0x0a never occurs inside UTF-8 sequences), so offsets stay exact.
      let carry: Buffer = Buffer.alloc(0)
      while (offset < size) {
        const chunk = Buffer.allocUnsafe(Math.min(READ_CHUNK, size - offset))
        const { bytesRead } = await fd.read(chunk, 0, chunk.length, offset)
        if (bytesRead === 0) break
        const buf = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead)
        const bufStart = offset - carry.length
        offset += bytesRead
        let from = 0
        for (let nl = buf.indexOf(0x0a, from); nl >= 0; nl = buf.indexOf(0x0a, from)) {
          const line = buf.toString('utf8', from, nl)
          from = nl + 1
          const seq = seqOfLine(line)
          const end = bufStart + from
          if (seq % MARK_EVERY === 0) this.addMark(seq, end)
          if (seq > afterSeq && !visit(line, seq, end)) return
        }
        carry = Buffer.from(buf.subarray(from))
      }
    } finally {
      await fd.close()
    }
  }

  private async offsetAfter(seq: number): Promise<number> {
    if (seq === this.position.lastSeq) return this.size
    let found = -1
    await this.scan(seq - 1, (_line, s, end) => {
      if (s === seq) found = end
      return false
    })
    if (found < 0) throw new Error(`no history record ${seq}`)
    return found
  }

  async writeKeyframe(keyframe: MapKeyframe): Promise<void> {
    await this.writing
    if (keyframe.seq < 1 || keyframe.seq > this.position.lastSeq) throw new Error(`no history record ${keyframe.seq}`)
    const offset = await this.offsetAfter(keyframe.seq)
    const name = `${keyframe.seq}-${keyframe.at}-${keyframe.eventCount}-${offset}.json`
    const path = join(this.keyframeDir, name)
    await writeFile(`${path}.tmp`, JSON.stringify(keyframe.map))
    await rename(`${path}.tmp`, path)
    this.keyframeIndex = this.keyframeIndex.filter((k) => k.seq !== keyframe.seq)
    this.keyframeIndex.push({ seq: keyframe.seq, at: keyframe.at, eventCount: keyframe.eventCount, offset })
    this.keyframeIndex.sort((a, b) => a.seq - b.seq)
    this.addMark(keyframe.seq, offset)
  }

  async keyframes(): Promise<KeyframeInfo[]> {
    return this.keyframeIndex.map(({ seq, at, eventCount }) => ({ seq, at, eventCount }))
  }

  async readKeyframe(seq: number): Promise<MapKeyframe | null> {
    const k = this.keyframeIndex.find((x) => x.seq === seq)
    if (!k) return null
    try {
      const map = JSON.parse(await readFile(join(this.keyframeDir, `${k.seq}-${k.at}-${k.eventCount}-${k.offset}.json`), 'utf8'))
      return { seq: k.seq, at: k.at, eventCount: k.eventCount, map }
    } catch {
      return null
    }
  }

  async clear(): Promise<void> {
    await this.writing
    const reopen = this.handle !== null
    await this.handle?.close()
    this.handle = null
    await this.reset()
    if (reopen) this.handle = await open(this.recordsPath, 'a')
  }

  private async reset(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true })
    await mkdir(this.keyframeDir, { recursive: true })
    this.size = 0
    this.position = { lastSeq: 0, lastAt: 0, eventCount: 0 }
    this.marks = [{ seq: 0, offset: 0 }]
    this.keyframeIndex = []
  }

  async close(): Promise<void> {
    await this.writing
    const handle = this.handle
    this.handle = null
    await handle?.close()
  }
}

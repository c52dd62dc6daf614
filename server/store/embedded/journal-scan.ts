import { JournalDamagedError } from '../journal'
import { checkFrame, recordAt, recordSeq } from '../journal-record'

/** Every 2^INDEX_SHIFT-th record's offset is kept, so history reads need not scan from the start. */
export const INDEX_SHIFT = 10

export interface JournalScan {
  /** Byte length of the valid records; anything after it is a torn last write. */
  validEnd: number
  /** Why the bytes after `validEnd` were dropped, when there were any. */
  torn: string | null
  lastSeq: number
  lastAt: number
  /** `ends[i]` is the end offset of the record with seq i + 1. */
  ends: number[]
  /** `sparseStarts[k]` is the start offset of the record with seq k·2^INDEX_SHIFT + 1. */
  sparseStarts: number[]
}

function allZero(buf: Buffer, from: number): boolean {
  for (let i = from; i < buf.length; i++) if (buf[i] !== 0) return false
  return true
}

/**
 * Verifies every record's length and checksum and that seqs run 1, 2, 3, … A bad record is a torn
 * last write when nothing valid can follow it (it runs to or past the end of the file, or only zeros
 * follow, as after a power loss); anywhere else it is damage, and the board must not be served.
 */
export function scanJournal(buf: Buffer): JournalScan {
  const ends: number[] = []
  const sparseStarts: number[] = []
  let offset = 0
  let lastAt = 0
  let torn: string | null = null
  while (offset < buf.length) {
    const frame = checkFrame(buf, offset)
    if (!frame.ok) {
      const isLast = frame.reason === 'short-header' || frame.reason === 'past-end' || frame.end === buf.length
      if (isLast || allZero(buf, offset)) {
        torn = `${frame.reason} at byte ${offset} of ${buf.length}`
        break
      }
      throw new JournalDamagedError(`journal record at byte ${offset} is damaged (${frame.reason})`)
    }
    const seq = recordSeq(buf, offset)
    if (seq !== ends.length + 1) {
      throw new JournalDamagedError(`journal record at byte ${offset} has seq ${seq}, expected ${ends.length + 1}`)
    }
    if (((seq - 1) & ((1 << INDEX_SHIFT) - 1)) === 0) sparseStarts.push(offset)
    lastAt = recordAt(buf, offset)
    ends.push(frame.end)
    offset = frame.end
  }
  return { validEnd: offset, torn, lastSeq: ends.length, lastAt, ends, sparseStarts }
}

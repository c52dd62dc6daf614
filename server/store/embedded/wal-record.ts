import { crc32 } from 'node:zlib'

/**
 * One record of the shared write-ahead log: a frame of [u32 payload length][u32 crc32 of payload],
 * then the payload [u8 kind][u8 board id length][board id][body]. The body of an `entry` is an
 * f64, the byte offset at which the board's journal file holds the record, then the record exactly
 * as that file holds it; the body of a `synced` mark is an f64 seq: the board's own file was synced
 * through it (the board closed), so nothing up to it needs the log any more.
 */
const FRAME_HEADER_BYTES = 8
const KIND_ENTRY = 1
const KIND_SYNCED = 2
/** A record of ours is never longer: journal frames are capped far below it. */
const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024 + 1024

export type WalRecord =
  | { kind: 'entry'; boardId: string; fileOffset: number; journalRecord: Buffer }
  | { kind: 'synced'; boardId: string; seq: number }

export function encodeWalEntry(boardId: string, fileOffset: number, journalRecord: Uint8Array): Buffer {
  return frame(KIND_ENTRY, boardId, 8 + journalRecord.length, (buf, at) => {
    buf.writeDoubleLE(fileOffset, at)
    buf.set(journalRecord, at + 8)
  })
}

export function encodeWalSynced(boardId: string, seq: number): Buffer {
  return frame(KIND_SYNCED, boardId, 8, (buf, at) => buf.writeDoubleLE(seq, at))
}

function frame(kind: number, boardId: string, bodyLength: number, writeBody: (buf: Buffer, at: number) => void): Buffer {
  // Board ids are [A-Za-z0-9_-]{1,64}: one byte per character.
  const payloadLength = 2 + boardId.length + bodyLength
  const buf = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payloadLength)
  buf.writeUInt32LE(payloadLength, 0)
  buf[FRAME_HEADER_BYTES] = kind
  buf[FRAME_HEADER_BYTES + 1] = boardId.length
  buf.write(boardId, FRAME_HEADER_BYTES + 2, 'latin1')
  writeBody(buf, FRAME_HEADER_BYTES + 2 + boardId.length)
  buf.writeUInt32LE(crc32(buf.subarray(FRAME_HEADER_BYTES)), 4)
  return buf
}

/**
 * Reads the records of one log file in order. Reading stops at the first frame that is short, too
 * long, fails its checksum or is of an unknown kind: the log is only ever appended to and synced
 * in order, so that is a write cut short by a crash, and `stoppedAt` says where.
 */
export function readWalRecords(buf: Buffer): { records: WalRecord[]; stoppedAt: number | null } {
  const records: WalRecord[] = []
  let offset = 0
  while (offset < buf.length) {
    const record = readOne(buf, offset)
    if (!record) return { records, stoppedAt: offset }
    records.push(record.record)
    offset = record.end
  }
  return { records, stoppedAt: null }
}

function readOne(buf: Buffer, offset: number): { record: WalRecord; end: number } | null {
  if (offset + FRAME_HEADER_BYTES > buf.length) return null
  const length = buf.readUInt32LE(offset)
  const end = offset + FRAME_HEADER_BYTES + length
  if (length < 3 || length > MAX_PAYLOAD_BYTES || end > buf.length) return null
  const payload = buf.subarray(offset + FRAME_HEADER_BYTES, end)
  if (crc32(payload) !== buf.readUInt32LE(offset + 4)) return null
  const idLength = payload[1]!
  const bodyAt = 2 + idLength
  if (bodyAt > payload.length) return null
  const boardId = payload.toString('latin1', 2, bodyAt)
  switch (payload[0]) {
    case KIND_ENTRY:
      if (payload.length - bodyAt < 8) return null
      return { record: { kind: 'entry', boardId, fileOffset: payload.readDoubleLE(bodyAt), journalRecord: payload.subarray(bodyAt + 8) }, end }
    case KIND_SYNCED:
      if (payload.length - bodyAt !== 8) return null
      return { record: { kind: 'synced', boardId, seq: payload.readDoubleLE(bodyAt) }, end }
    default:
      return null
  }
}

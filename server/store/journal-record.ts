import { crc32 } from 'node:zlib'
import type { JournalEntry } from './journal'

/**
 * One journal record on disk: a frame of [u32 payload length][u32 crc32 of payload] then the
 * payload [u8 version][f64 seq][f64 at][u16 id length][participant id utf-8][update bytes].
 * Length and checksum let a reader tell a torn last write from damage.
 */
export const FRAME_HEADER_BYTES = 8
const PAYLOAD_FIXED_BYTES = 1 + 8 + 8 + 2
const RECORD_VERSION = 1
/** Anything longer is not a record we wrote (frames are capped far below this). */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024

export function encodeRecord(entry: JournalEntry): Buffer {
  const id = Buffer.from(entry.participantId, 'utf8')
  const payloadLength = PAYLOAD_FIXED_BYTES + id.length + entry.update.length
  const buf = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payloadLength)
  let o = FRAME_HEADER_BYTES
  o = buf.writeUInt8(RECORD_VERSION, o)
  o = buf.writeDoubleLE(entry.seq, o)
  o = buf.writeDoubleLE(entry.at, o)
  o = buf.writeUInt16LE(id.length, o)
  o += id.copy(buf, o)
  buf.set(entry.update, o)
  buf.writeUInt32LE(payloadLength, 0)
  buf.writeUInt32LE(crc32(buf.subarray(FRAME_HEADER_BYTES)), 4)
  return buf
}

export type FrameCheck =
  | { ok: true; end: number }
  | { ok: false; reason: 'short-header' | 'past-end' | 'bad-length' | 'checksum'; end: number }

/** Checks the frame starting at `offset` without decoding its payload. */
export function checkFrame(buf: Buffer, offset: number): FrameCheck {
  if (offset + FRAME_HEADER_BYTES > buf.length) return { ok: false, reason: 'short-header', end: buf.length }
  const length = buf.readUInt32LE(offset)
  const end = offset + FRAME_HEADER_BYTES + length
  if (end > buf.length) return { ok: false, reason: 'past-end', end }
  if (length < PAYLOAD_FIXED_BYTES || length > MAX_PAYLOAD_BYTES) return { ok: false, reason: 'bad-length', end }
  const crc = buf.readUInt32LE(offset + 4)
  if (crc32(buf.subarray(offset + FRAME_HEADER_BYTES, end)) !== crc) return { ok: false, reason: 'checksum', end }
  return { ok: true, end }
}

/** Reads the arrival time of a checked frame. */
export function recordAt(buf: Buffer, offset: number): number {
  return buf.readDoubleLE(offset + FRAME_HEADER_BYTES + 1 + 8)
}

/** Decodes a frame that `checkFrame` accepted. */
export function decodeRecord(buf: Buffer, offset: number, end: number): JournalEntry {
  let o = offset + FRAME_HEADER_BYTES
  const version = buf.readUInt8(o)
  if (version !== RECORD_VERSION) throw new Error(`unknown journal record version ${version}`)
  o += 1
  const seq = buf.readDoubleLE(o)
  o += 8
  const at = buf.readDoubleLE(o)
  o += 8
  const idLength = buf.readUInt16LE(o)
  o += 2
  const participantId = buf.toString('utf8', o, o + idLength)
  o += idLength
  // A copy, so that the (possibly large) file buffer can be collected.
  const update = new Uint8Array(buf.subarray(o, end))
  return { seq, at, participantId, update }
}

/** Reads the seq of a checked frame without decoding the rest. */
export function recordSeq(buf: Buffer, offset: number): number {
  return buf.readDoubleLE(offset + FRAME_HEADER_BYTES + 1)
}

import type { JournalEntry } from '../store/journal'

/**
 * One fan-out message on a board's Redis channel: [u8 kind][8-byte sender instance id][body].
 * entry: [f64 seq][f64 at][u16 participant id length][participant id utf-8][update];
 * awareness: the y-protocols awareness update; awareness-query: no body.
 * The sender id lets an instance skip its own messages (Redis echoes them to every subscriber).
 */
export type FanoutMessage =
  | { kind: 'entry'; sender: Buffer; entry: JournalEntry }
  | { kind: 'awareness'; sender: Buffer; update: Uint8Array }
  | { kind: 'awareness-query'; sender: Buffer }

export const INSTANCE_ID_BYTES = 8
const KIND = { entry: 1, awareness: 2, 'awareness-query': 3 } as const
const HEADER = 1 + INSTANCE_ID_BYTES

export function encodeEntryMessage(sender: Buffer, entry: JournalEntry): Buffer {
  const id = Buffer.from(entry.participantId, 'utf8')
  const buf = Buffer.allocUnsafe(HEADER + 8 + 8 + 2 + id.length + entry.update.length)
  let o = writeHeader(buf, KIND.entry, sender)
  o = buf.writeDoubleLE(entry.seq, o)
  o = buf.writeDoubleLE(entry.at, o)
  o = buf.writeUInt16LE(id.length, o)
  o += id.copy(buf, o)
  buf.set(entry.update, o)
  return buf
}

export function encodeAwarenessMessage(sender: Buffer, update: Uint8Array): Buffer {
  const buf = Buffer.allocUnsafe(HEADER + update.length)
  buf.set(update, writeHeader(buf, KIND.awareness, sender))
  return buf
}

export function encodeAwarenessQuery(sender: Buffer): Buffer {
  const buf = Buffer.allocUnsafe(HEADER)
  writeHeader(buf, KIND['awareness-query'], sender)
  return buf
}

/** Null for anything this version did not write (a newer instance during a rolling upgrade, or noise). */
export function decodeFanoutMessage(buf: Buffer): FanoutMessage | null {
  if (buf.length < HEADER) return null
  const sender = buf.subarray(1, HEADER)
  switch (buf[0]) {
    case KIND.entry: {
      if (buf.length < HEADER + 18) return null
      let o = HEADER
      const seq = buf.readDoubleLE(o)
      o += 8
      const at = buf.readDoubleLE(o)
      o += 8
      const idLength = buf.readUInt16LE(o)
      o += 2
      if (!Number.isSafeInteger(seq) || seq < 1 || o + idLength > buf.length) return null
      const participantId = buf.toString('utf8', o, o + idLength)
      const update = new Uint8Array(buf.subarray(o + idLength))
      return { kind: 'entry', sender, entry: { seq, at, participantId, update } }
    }
    case KIND.awareness:
      return { kind: 'awareness', sender, update: new Uint8Array(buf.subarray(HEADER)) }
    case KIND['awareness-query']:
      return { kind: 'awareness-query', sender }
    default:
      return null
  }
}

function writeHeader(buf: Buffer, kind: number, sender: Buffer): number {
  if (sender.length !== INSTANCE_ID_BYTES) throw new Error('instance id must be 8 bytes')
  buf.writeUInt8(kind, 0)
  sender.copy(buf, 1)
  return HEADER
}

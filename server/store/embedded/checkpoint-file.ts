import { open, readdir, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import type { Checkpoint } from '../journal'

/**
 * A checkpoint file: [u32 payload length][u32 crc32] then [u8 version][f64 seq][f64 at]
 * [f64 journal offset after record `seq`][state]. The offset ties it to one exact journal prefix.
 */
const HEADER = 8
const FIXED = 1 + 8 + 8 + 8
const VERSION = 1

export interface StoredCheckpoint extends Checkpoint {
  journalEnd: number
}

export function encodeCheckpoint(cp: StoredCheckpoint): Buffer {
  const buf = Buffer.allocUnsafe(HEADER + FIXED + cp.state.length)
  let o = HEADER
  o = buf.writeUInt8(VERSION, o)
  o = buf.writeDoubleLE(cp.seq, o)
  o = buf.writeDoubleLE(cp.at, o)
  o = buf.writeDoubleLE(cp.journalEnd, o)
  buf.set(cp.state, o)
  buf.writeUInt32LE(FIXED + cp.state.length, 0)
  buf.writeUInt32LE(crc32(buf.subarray(HEADER)), 4)
  return buf
}

/** Returns null for anything but an intact checkpoint of a known version. */
export function decodeCheckpoint(buf: Buffer): StoredCheckpoint | null {
  if (buf.length < HEADER + FIXED) return null
  if (buf.readUInt32LE(0) !== buf.length - HEADER) return null
  if (crc32(buf.subarray(HEADER)) !== buf.readUInt32LE(4)) return null
  if (buf.readUInt8(HEADER) !== VERSION) return null
  return {
    seq: buf.readDoubleLE(HEADER + 1),
    at: buf.readDoubleLE(HEADER + 9),
    journalEnd: buf.readDoubleLE(HEADER + 17),
    state: new Uint8Array(buf.subarray(HEADER + FIXED))
  }
}

export function checkpointFileName(seq: number): string {
  return `${String(seq).padStart(15, '0')}.cgc`
}

export function seqOfCheckpointFile(name: string): number | null {
  const m = /^(\d{15})\.cgc$/.exec(name)
  return m ? Number(m[1]) : null
}

/** The time of a checkpoint, from its header alone (the state is checked when it is read). */
export async function readCheckpointAt(path: string): Promise<number | null> {
  const handle = await open(path, 'r').catch(() => null)
  if (!handle) return null
  try {
    const header = Buffer.alloc(HEADER + FIXED)
    const { bytesRead } = await handle.read(header, 0, header.length, 0)
    if (bytesRead < header.length || header.readUInt8(HEADER) !== VERSION) return null
    return header.readDoubleLE(HEADER + 9)
  } finally {
    await handle.close()
  }
}

/** Writes a checkpoint into `dir` atomically (a synced temp file renamed, then the folder synced). */
export async function writeCheckpointFile(dir: string, cp: StoredCheckpoint): Promise<void> {
  const name = checkpointFileName(cp.seq)
  const tmp = join(dir, `${name}.tmp`)
  const handle = await open(tmp, 'w')
  try {
    await handle.writeFile(encodeCheckpoint(cp))
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(tmp, join(dir, name))
  const dirHandle = await open(dir, 'r')
  try {
    await dirHandle.sync()
  } finally {
    await dirHandle.close()
  }
}

/** The checkpoints in `dir` up to `maxSeq`, oldest first (unreadable ones left out). */
export async function listCheckpoints(dir: string, maxSeq: number): Promise<Array<{ seq: number; at: number }>> {
  const seqs = (await readdir(dir))
    .map(seqOfCheckpointFile)
    .filter((s): s is number => s !== null && s <= maxSeq)
    .sort((a, b) => a - b)
  const out: Array<{ seq: number; at: number }> = []
  for (const seq of seqs) {
    const at = await readCheckpointAt(join(dir, checkpointFileName(seq)))
    if (at !== null) out.push({ seq, at })
  }
  return out
}

/** The checkpoint of `seq` in `dir`, or null if it is missing or damaged. */
export async function readCheckpointFile(dir: string, seq: number): Promise<Checkpoint | null> {
  let buf: Buffer
  try {
    buf = await readFile(join(dir, checkpointFileName(seq)))
  } catch {
    return null
  }
  const cp = decodeCheckpoint(buf)
  return cp && cp.seq === seq ? { seq: cp.seq, at: cp.at, state: cp.state } : null
}

import { randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { BinaryFrames, encodeBinaryFrame } from '../../../server/http/binary-frames'

// ws exports its framing classes at run time; @types/ws does not declare them.
const ws = createRequire(import.meta.url)('ws') as {
  Sender: { frame(data: Buffer, options: Record<string, unknown>): Buffer[] }
  Receiver: new (options: { isServer: boolean; maxPayload: number }) => EventEmitter & { write(chunk: Buffer): void }
}

// Each boundary of the three length encodings (7 bits, 16 bits, 64 bits), on both sides.
const LENGTHS = [0, 1, 125, 126, 127, 65_535, 65_536, 70_000]

/** ws's own framing of a final, unmasked binary frame: what a ws server would write. */
function wsFrame(payload: Buffer): Buffer {
  const parts = ws.Sender.frame(payload, { fin: true, rsv1: false, opcode: 2, mask: false, readOnly: false })
  return Buffer.concat(parts)
}

describe('encodeBinaryFrame', () => {
  it.each(LENGTHS)('writes the bytes ws writes for a %i-byte payload', (length) => {
    const payload = randomBytes(length)
    expect(encodeBinaryFrame(payload).equals(wsFrame(payload))).toBe(true)
  })

  it('is read back by a ws client receiver as the same binary messages', async () => {
    const receiver = new ws.Receiver({ isServer: false, maxPayload: 0 })
    const payloads = LENGTHS.map((n) => randomBytes(n))
    const heard: Array<{ data: Buffer; isBinary: boolean }> = []
    receiver.on('message', (data: Buffer, isBinary: boolean) => heard.push({ data, isBinary }))
    const errors: Error[] = []
    receiver.on('error', (e: Error) => errors.push(e))
    for (const p of payloads) receiver.write(encodeBinaryFrame(p))
    await new Promise((resolve) => setImmediate(resolve))
    expect(errors).toEqual([])
    expect(heard.map((h) => h.isBinary)).toEqual(payloads.map(() => true))
    expect(heard.map((h) => Buffer.from(h.data).toString('hex'))).toEqual(payloads.map((p) => p.toString('hex')))
  })
})

describe('BinaryFrames', () => {
  it('frames a message once for back-to-back sends and again for another message', () => {
    const frames = new BinaryFrames()
    const a = new Uint8Array([0, 0, 1, 2])
    const b = new Uint8Array([0, 0, 1, 2])
    const first = frames.frame(a)
    expect(frames.frame(a)).toBe(first)
    const other = frames.frame(b)
    expect(other).not.toBe(first)
    expect(other.equals(first)).toBe(true)
    expect(frames.frame(a)).not.toBe(first)
  })
})

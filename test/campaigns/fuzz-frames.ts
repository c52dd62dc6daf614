import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { int, pick } from '../support/prng'

/** One generated frame: what kind it is (for the tally) and its bytes (or text). */
export interface FuzzFrame {
  kind: string
  data: Uint8Array | string
}

const bytes = (random: () => number, n: number) => {
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i++) out[i] = Math.floor(random() * 256)
  return out
}

const encode = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}

const syncFrame = (step: number, payload: Uint8Array) =>
  encode((e) => {
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint(e, step)
    encoding.writeVarUint8Array(e, payload)
  })

/** A real update of a throwaway document (its own client id), the raw material of broken ones. */
function realUpdate(random: () => number): { first: Uint8Array; second: Uint8Array } {
  const doc = new Y.Doc()
  const concepts = doc.getMap<Y.Map<unknown>>('concepts')
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  const m = new Y.Map<unknown>()
  doc.transact(() => {
    m.set('label', `fuzz ${int(random, 0, 1e6)}`)
    m.set('x', int(random, 0, 800))
    concepts.set(`fuzz-${int(random, 0, 1e9)}`, m)
  })
  doc.transact(() => m.set('label', `fuzz again ${int(random, 0, 1e6)}`))
  doc.destroy()
  return { first: updates[0]!, second: updates[1]! }
}

/** True when a fresh document integrates nothing of this update, so sending it is never a real edit. */
function rejected(update: Uint8Array): boolean {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, update)
    return doc.store.clients.size === 0
  } catch {
    return true
  } finally {
    doc.destroy()
  }
}

function invalidUpdate(random: () => number): Uint8Array {
  const { first } = realUpdate(random)
  for (let tries = 0; tries < 16; tries++) {
    let broken: Uint8Array
    if (tries % 2 === 0) {
      broken = Uint8Array.from(first)
      for (let flips = int(random, 1, 4); flips > 0; flips--) broken[int(random, 0, broken.length - 1)] = int(random, 0, 255)
    } else {
      broken = first.slice(0, int(random, 1, first.length - 1))
    }
    if (rejected(broken)) return broken
  }
  return Uint8Array.from([1, 1, 0xff, 0xff, 0xff, 0xff, 0x0f, 0])
}

function awarenessFrame(random: () => number, maxFrameBytes: number): { kind: string; data: Uint8Array } {
  const doc = new Y.Doc()
  const awareness = new awarenessProtocol.Awareness(doc)
  const roll = random()
  let kind: string
  if (roll < 0.4) {
    kind = 'awareness-huge-state'
    awareness.setLocalState({ user: { name: 'x'.repeat(int(random, 70_000, Math.min(200_000, maxFrameBytes - 100))) } })
  } else if (roll < 0.7) {
    kind = 'awareness-many-states'
    // 300 fabricated client ids in one message (the cap is 256).
    const states = new Map<number, unknown>()
    for (let i = 0; i < 300; i++) states.set(int(random, 1, 2 ** 31), { user: { name: `p${i}` } })
    const update = encode((e) => {
      encoding.writeVarUint(e, states.size)
      for (const [id, state] of states) {
        encoding.writeVarUint(e, id)
        encoding.writeVarUint(e, 1)
        encoding.writeVarString(e, JSON.stringify(state))
      }
    })
    awareness.destroy()
    doc.destroy()
    return { kind, data: encode((e) => (encoding.writeVarUint(e, 1), encoding.writeVarUint8Array(e, update))) }
  } else {
    kind = 'awareness-garbage-json'
    const update = encode((e) => {
      encoding.writeVarUint(e, 1)
      encoding.writeVarUint(e, int(random, 1, 2 ** 31))
      encoding.writeVarUint(e, int(random, 0, 2 ** 31))
      encoding.writeVarString(e, pick(random, ['{', 'null', '[1,2', '"x"', '{"user":', String.fromCharCode(...bytes(random, 20))]))
    })
    awareness.destroy()
    doc.destroy()
    return { kind, data: encode((e) => (encoding.writeVarUint(e, 1), encoding.writeVarUint8Array(e, update))) }
  }
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])
  awareness.destroy()
  doc.destroy()
  return { kind, data: encode((e) => (encoding.writeVarUint(e, 1), encoding.writeVarUint8Array(e, update))) }
}

/**
 * Frames no honest client sends. None of them is a valid edit of the board, so the board's content
 * must stay exactly what the honest clients made of it.
 */
export function fuzzFrame(random: () => number, maxFrameBytes: number): FuzzFrame {
  const roll = random()
  if (roll < 0.16) return { kind: 'random-bytes', data: bytes(random, int(random, 0, 64)) }
  if (roll < 0.22) return { kind: 'random-bytes-long', data: bytes(random, int(random, 65, 4096)) }
  if (roll < 0.3) {
    // Every byte says "more follows" and nothing does.
    const n = int(random, 1, 12)
    return { kind: 'truncated-varint', data: Uint8Array.from({ length: n }, () => 0x80 | int(random, 0, 127)) }
  }
  if (roll < 0.38) {
    const huge = Uint8Array.from([...Array.from({ length: int(random, 5, 12) }, () => 0xff), 0x7f])
    const where = random()
    const data = where < 0.33 ? huge : where < 0.66 ? Uint8Array.from([0, ...huge]) : Uint8Array.from([0, 2, ...huge, ...bytes(random, 8)])
    return { kind: 'huge-varint', data }
  }
  if (roll < 0.5) {
    const prefix = pick(random, [[0, 0], [0, 1], [0, 2], [0, 3], [1], [3], [100], [2]])
    return { kind: `prefix-${prefix.join('.')}-garbage`, data: Uint8Array.from([...prefix, ...bytes(random, int(random, 0, 200))]) }
  }
  if (roll < 0.62) return { kind: 'invalid-yjs-update', data: syncFrame(pick(random, [1, 2]), invalidUpdate(random)) }
  if (roll < 0.68) return { kind: 'random-yjs-update', data: syncFrame(2, bytes(random, int(random, 1, 300))) }
  if (roll < 0.72) {
    // Decodes and applies, but needs a struct that never comes: held as pending, never shown.
    return { kind: 'missing-dependency-update', data: syncFrame(2, realUpdate(random).second) }
  }
  if (roll < 0.76) return { kind: 'bad-state-vector', data: syncFrame(0, bytes(random, int(random, 1, 40))) }
  if (roll < 0.84) return awarenessFrame(random, maxFrameBytes)
  if (roll < 0.86) return { kind: 'over-size', data: new Uint8Array(maxFrameBytes + int(random, 1, 4096)) }
  if (roll < 0.9) return { kind: 'unknown-type', data: encode((e) => encoding.writeVarUint(e, pick(random, [4, 5, 7, 42, 99, 101, 127, 300, 70_000]))) }
  if (roll < 0.92) return { kind: 'empty-frame', data: new Uint8Array(0) }
  if (roll < 0.94) return { kind: 'text-frame', data: 'hello' }
  if (roll < 0.97) return { kind: 'trailing-bytes', data: Uint8Array.from([3, ...bytes(random, int(random, 1, 8))]) }
  // A valid, empty update: harmless alone, a flood of them meets the rate limit.
  return { kind: 'empty-update', data: syncFrame(2, Uint8Array.from([0, 0])) }
}

import { describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import { decodeAwarenessUpdate, encodeAwarenessUpdate } from '../../../server/sync/awareness-guard'
import { decodeClientMessage, encodeSyncStep1, encodeSyncStep2, encodeUpdate, MalformedMessageError } from '../../../server/sync/protocol'
import { SerialQueue } from '../../../server/sync/serial-queue'
import { prng } from '../../support/prng'

describe('sync message encoding', () => {
  it('writes exactly what y-protocols writes, for payloads whose length takes one to three varuint bytes', () => {
    for (const size of [0, 1, 127, 128, 300, 16_383, 16_384, 70_000]) {
      const payload = new Uint8Array(size).map((_, i) => i % 251)
      for (const [step, encode] of [[0, encodeSyncStep1], [1, encodeSyncStep2], [2, encodeUpdate]] as const) {
        const e = encoding.createEncoder()
        encoding.writeVarUint(e, 0)
        encoding.writeVarUint(e, step)
        encoding.writeVarUint8Array(e, payload)
        expect(encode(payload), `step ${step}, ${size} bytes`).toEqual(encoding.toUint8Array(e))
      }
    }
  })
})

describe('decodeClientMessage', () => {
  it('decodes the messages a stock client sends', () => {
    expect(decodeClientMessage(encodeSyncStep1(new Uint8Array([0])))).toEqual({ kind: 'sync-step-1', stateVector: new Uint8Array([0]) })
    expect(decodeClientMessage(encodeUpdate(new Uint8Array([0, 0])))).toEqual({ kind: 'sync-update', update: new Uint8Array([0, 0]), incremental: true })
    expect(decodeClientMessage(new Uint8Array([3]))).toEqual({ kind: 'query-awareness' })
    expect(decodeClientMessage(new Uint8Array([100]))).toEqual({ kind: 'journal-ack-opt-in' })
    expect(decodeClientMessage(new Uint8Array([101]))).toEqual({ kind: 'board-events-opt-in' })
    expect(() => decodeClientMessage(new Uint8Array([101, 0]))).toThrow(MalformedMessageError)
  })

  it('refuses every malformed frame with MalformedMessageError, never anything else', () => {
    const random = prng(7)
    for (let i = 0; i < 20_000; i++) {
      const frame = new Uint8Array(Math.floor(random() * 24))
      for (let j = 0; j < frame.length; j++) frame[j] = Math.floor(random() * 256)
      if (random() < 0.5 && frame.length > 0) frame[0] = Math.floor(random() * 4)
      try {
        decodeClientMessage(frame)
      } catch (e) {
        expect(e).toBeInstanceOf(MalformedMessageError)
      }
    }
    for (const bad of [[], [0], [0, 7, 0], [0, 2, 5, 1], [1, 200], [2], [9], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]]) {
      expect(() => decodeClientMessage(new Uint8Array(bad)), String(bad)).toThrow(MalformedMessageError)
    }
  })
})

function awarenessUpdate(entries: Array<[number, number, string]>): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, entries.length)
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(e, id)
    encoding.writeVarUint(e, clock)
    encoding.writeVarString(e, state)
  }
  return encoding.toUint8Array(e)
}

describe('decodeAwarenessUpdate', () => {
  const limits = { maxStateLength: 100, maxEntries: 4 }

  it('reads every entry and encodes them back to the same bytes', () => {
    const update = awarenessUpdate([[1, 3, '{"user":{"name":"A"}}'], [2, 9, 'null']])
    const entries = decodeAwarenessUpdate(update, limits)
    expect(entries).toEqual([{ clientId: 1, clock: 3, state: '{"user":{"name":"A"}}' }, { clientId: 2, clock: 9, state: 'null' }])
    expect(encodeAwarenessUpdate(entries)).toEqual(update)
  })

  it('refuses oversized states, too many entries and non-JSON', () => {
    expect(() => decodeAwarenessUpdate(awarenessUpdate([[1, 1, JSON.stringify('x'.repeat(200))]]), limits)).toThrow(MalformedMessageError)
    expect(() => decodeAwarenessUpdate(awarenessUpdate(Array.from({ length: 5 }, (_, i) => [i + 10, 1, '{}'] as [number, number, string])), limits)).toThrow(MalformedMessageError)
    expect(() => decodeAwarenessUpdate(awarenessUpdate([[1, 1, '{']]), limits)).toThrow(MalformedMessageError)
    expect(() => decodeAwarenessUpdate(new Uint8Array([1, 1]), limits)).toThrow(MalformedMessageError)
  })
})

describe('SerialQueue', () => {
  it('runs synchronous tasks at once and holds later tasks behind an async one', async () => {
    const q = new SerialQueue()
    const log: string[] = []
    q.enqueue(() => void log.push('sync 1'))
    expect(log).toEqual(['sync 1'])
    let release!: () => void
    q.enqueue(() => new Promise<void>((r) => (release = () => (log.push('async 2'), r()))))
    q.enqueue(() => void log.push('sync 3'))
    expect(log).toEqual(['sync 1'])
    release()
    await q.whenIdle()
    expect(log).toEqual(['sync 1', 'async 2', 'sync 3'])
  })

  it('does not run a task enqueued by a running task inside it', () => {
    const q = new SerialQueue()
    const log: string[] = []
    q.enqueue(() => {
      q.enqueue(() => void log.push('inner'))
      log.push('outer')
    })
    expect(log).toEqual(['outer', 'inner'])
  })
})

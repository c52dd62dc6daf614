import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { readConfig } from '../../../server/config'
import { decodeControlMessage, encodeControlMessage } from '../../../server/scale/control-message'
import { decodeFanoutMessage, encodeAwarenessMessage, encodeAwarenessQuery, encodeEntryMessage } from '../../../server/scale/fanout-message'

const sender = randomBytes(8)

describe('fan-out messages', () => {
  it('round-trips an entry, an awareness update and a query, with the sender', () => {
    const entry = { seq: 4_000_000_123, at: 1_764_000_000_000.5, participantId: 'pärticipant-1', update: new Uint8Array([1, 2, 3, 0, 255]) }
    const e = decodeFanoutMessage(encodeEntryMessage(sender, entry))
    expect(e).toEqual({ kind: 'entry', sender, entry })
    const a = decodeFanoutMessage(encodeAwarenessMessage(sender, new Uint8Array([9, 8, 7])))
    expect(a).toEqual({ kind: 'awareness', sender, update: new Uint8Array([9, 8, 7]) })
    expect(decodeFanoutMessage(encodeAwarenessQuery(sender))).toEqual({ kind: 'awareness-query', sender })
  })

  it('ignores what it did not write: unknown kinds, truncation, impossible seqs', () => {
    const good = encodeEntryMessage(sender, { seq: 1, at: 1, participantId: 'p', update: new Uint8Array([1]) })
    expect(decodeFanoutMessage(Buffer.from([7, ...sender]))).toBeNull()
    expect(decodeFanoutMessage(good.subarray(0, 12))).toBeNull()
    const badSeq = Buffer.from(good)
    badSeq.writeDoubleLE(0.5, 9)
    expect(decodeFanoutMessage(badSeq)).toBeNull()
    const longId = Buffer.from(good)
    longId.writeUInt16LE(60_000, 25)
    expect(decodeFanoutMessage(longId)).toBeNull()
  })

  it('round-trips control messages and refuses malformed ones', () => {
    const lock = { kind: 'lock' as const, boardId: 'b1', locked: true }
    const eject = { kind: 'eject' as const, boardId: 'b1', participantIds: ['p1', 'p2'], code: 4401, reason: 'access revoked' }
    expect(decodeControlMessage(encodeControlMessage(sender, lock))).toEqual({ sender, message: lock })
    expect(decodeControlMessage(encodeControlMessage(sender, eject))).toEqual({ sender, message: eject })
    const ended = { kind: 'session-ended' as const, boardId: 'b1', sessionId: 's-1' }
    expect(decodeControlMessage(encodeControlMessage(sender, ended))).toEqual({ sender, message: ended })
    const state = { kind: 'board-state' as const, boardId: 'b1' }
    expect(decodeControlMessage(encodeControlMessage(sender, state))).toEqual({ sender, message: state })
    const bring = { kind: 'bring-everyone' as const, boardId: 'b1', by: { id: 'p1', name: null }, view: { x: 0, y: -5, w: 10, h: 20 } }
    expect(decodeControlMessage(encodeControlMessage(sender, bring))).toEqual({ sender, message: bring })
    const raw = (v: unknown) => Buffer.concat([sender, Buffer.from(typeof v === 'string' ? v : JSON.stringify(v))])
    expect(decodeControlMessage(raw('{not json'))).toBeNull()
    expect(decodeControlMessage(raw({ kind: 'lock', boardId: 'b1', locked: 'yes' }))).toBeNull()
    expect(decodeControlMessage(raw({ kind: 'eject', boardId: 'b1', participantIds: [1], code: 4401, reason: 'x' }))).toBeNull()
    expect(decodeControlMessage(raw({ kind: 'shutdown', boardId: 'b1' }))).toBeNull()
    expect(decodeControlMessage(raw({ kind: 'session-ended', boardId: 'b1', sessionId: 7 }))).toBeNull()
    expect(decodeControlMessage(raw({ ...bring, view: { x: 0, y: 0, w: 0, h: 1 } }))).toBeNull()
    expect(decodeControlMessage(raw({ ...bring, by: { id: 3, name: null } }))).toBeNull()
  })
})

describe('REDIS_URL configuration', () => {
  it('is refused without DATABASE_URL, with a message that says why', () => {
    expect(() => readConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/REDIS_URL needs DATABASE_URL/)
  })

  it('must be a redis URL; FANOUT_POLL_MS defaults to 250', () => {
    expect(() => readConfig({ REDIS_URL: 'http://x', DATABASE_URL: 'postgres://x/y' })).toThrow(/redis:\/\//)
    const config = readConfig({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://x/y' })
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379')
    expect(config.fanoutPollMs).toBe(250)
    expect(readConfig({}).redisUrl).toBeUndefined()
  })
})

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../../server/log'
import { openEmbeddedStore } from '../../../server/store/embedded/embedded-store'
import type { BoardJournal } from '../../../server/store/journal'
import { RoomCheckpoints } from '../../../server/sync/room-checkpoints'

const log = createLogger('silent')
let dispose: (() => Promise<void>) | null = null
afterEach(async () => {
  await dispose?.()
  dispose = null
})

/**
 * A board of `entries` journaled edits on a real embedded journal, and a room as checkpoints see it:
 * its state is the merged document unless `unavailable` says the document cannot give it now.
 */
async function board(entries: number) {
  const dataDir = await mkdtemp(join(tmpdir(), 'cg-checkpoints-'))
  const store = await openEmbeddedStore({ dataDir, fsyncIntervalMs: 5, log })
  dispose = async () => {
    await store.close()
    await rm(dataDir, { recursive: true, force: true })
  }
  const journal: BoardJournal = await store.journals.open('b')
  await journal.load()
  const doc = new Y.Doc()
  doc.on('update', (update: Uint8Array) => journal.append({ at: 1000 + room.seq + 1, participantId: 'p', update }))
  const room = { seq: 0, unavailable: false, warnings: [] as string[] }
  const edit = () => {
    doc.getMap('meta').set('n', room.seq + 1)
    room.seq++
  }
  for (let i = 0; i < entries; i++) edit()
  const view = {
    lastSeq: () => room.seq,
    lastAt: () => 1000 + room.seq,
    stateAtLastSeq: () => (room.unavailable ? null : Y.encodeStateAsUpdateV2(doc)),
    warn: (err: Error, message: string) => room.warnings.push(`${message}: ${err.message}`)
  }
  const written = async () => (await journal.checkpoints()).map((c) => c.seq)
  /** Tells `checkpoints` that entry `seq` was applied, waits for any write it started, and lists the checkpoints. */
  const advance = async (checkpoints: RoomCheckpoints, seq: number) => {
    checkpoints.advanced(seq)
    await checkpoints.whenWritten()
    return written()
  }
  return { journal, room, view, edit, written, advance }
}

describe('RoomCheckpoints', () => {
  it('writes one each time `every` entries have gathered since the last', async () => {
    const b = await board(0)
    const checkpoints = new RoomCheckpoints(b.journal, b.view, 10, 0)
    for (let i = 0; i < 25; i++) {
      b.edit()
      await b.advance(checkpoints, b.room.seq)
    }
    expect(await b.written()).toEqual([10, 20])
    const cp = await b.journal.readCheckpoint(20)
    const doc = new Y.Doc()
    Y.applyUpdateV2(doc, cp!.state)
    expect(doc.getMap('meta').get('n')).toBe(20)
    expect(cp!.at).toBe(1020)
  })

  it('counts from the checkpoint the board loaded from', async () => {
    const b = await board(12)
    const checkpoints = new RoomCheckpoints(b.journal, b.view, 10, 5)
    expect(await b.advance(checkpoints, 12)).toEqual([])
    for (let i = 0; i < 3; i++) b.edit()
    expect(await b.advance(checkpoints, 15)).toEqual([15])
  })

  it('writes nothing while the document cannot give exactly the entries up to lastSeq', async () => {
    const b = await board(10)
    const checkpoints = new RoomCheckpoints(b.journal, b.view, 10, 0)
    b.room.unavailable = true
    expect(await b.advance(checkpoints, 10)).toEqual([])
    b.room.unavailable = false
    b.edit()
    expect(await b.advance(checkpoints, 11)).toEqual([11])
  })

  it('writes one at a time: a second request while one is written waits for that one', async () => {
    const b = await board(3)
    const checkpoints = new RoomCheckpoints(b.journal, b.view, 100, 0)
    const first = checkpoints.write()
    b.edit()
    expect(checkpoints.write()).toBe(first)
    await first
    expect(await b.written()).toEqual([3])
  })

  it('on closing, checkpoints a tail of at least a tenth of `every`, and not a shorter one', async () => {
    const long = await board(10)
    await new RoomCheckpoints(long.journal, long.view, 100, 0).closing(true)
    expect(await long.written()).toEqual([10])
    await dispose!()

    const short = await board(9)
    await new RoomCheckpoints(short.journal, short.view, 100, 0).closing(true)
    expect(await short.written()).toEqual([])
  })

  it('on closing a failed board, writes none however long the tail', async () => {
    const b = await board(50)
    await new RoomCheckpoints(b.journal, b.view, 10, 0).closing(false)
    expect(await b.written()).toEqual([])
  })

  it('on closing during a periodic checkpoint of an earlier seq, writes one of the latest too', async () => {
    const b = await board(10)
    const checkpoints = new RoomCheckpoints(b.journal, b.view, 10, 0)
    checkpoints.advanced(10) // starts writing seq 10
    for (let i = 0; i < 5; i++) b.edit()
    await checkpoints.closing(true)
    expect(await b.written()).toEqual([10, 15])
  })

  it('logs a failed write and lets the next one try again', async () => {
    const b = await board(10)
    const checkpoints = new RoomCheckpoints(b.journal, b.view, 10, 0)
    b.room.seq = 11 // not in the journal: the write is refused
    expect(await b.advance(checkpoints, 11)).toEqual([])
    expect(b.room.warnings).toEqual(['checkpoint failed: no journal entry 11'])
    b.room.seq = 10
    await checkpoints.write()
    expect(await b.written()).toEqual([10])
  })
})

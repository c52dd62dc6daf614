import { describe, it, type ExpectStatic, type TestContext } from 'vitest'
import * as Y from 'yjs'
import type { HistoryStore } from '../../server/store/history'
import type { JournalStore } from '../../server/store/journal'
import type { MetadataStore } from '../../server/store/metadata'
import type { SnapshotStore } from '../../server/store/snapshots'
import { historyContract } from './history-contract'
import { snapshotContract } from './snapshot-contract'

/** A fresh, empty store per test; `dispose` removes whatever it made. */
export interface StoreFixture {
  journals: JournalStore
  metadata: MetadataStore
  snapshots: SnapshotStore
  history: HistoryStore
  /** A second store over the same data, as after a restart. */
  reopen(): Promise<{ journals: JournalStore; metadata: MetadataStore; snapshots: SnapshotStore; history: HistoryStore }>
  dispose(): Promise<void>
}

function updateSetting(key: string, value: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('meta').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

/** A fresh, empty journal store per test (the journal contract needs nothing else). */
export interface JournalFixture {
  journals: JournalStore
  reopen(): Promise<{ journals: JournalStore }>
  dispose(): Promise<void>
}

/**
 * Each test gets its fixture and its own `expect` (the test context's): the PostgreSQL suite runs
 * concurrently, where the global one would count a test's assertions against another test.
 */
const fixtureRunner =
  <F extends { dispose(): Promise<void> }>(makeFixture: () => Promise<F>) =>
  (test: (f: F, expect: ExpectStatic) => Promise<void>) =>
  async ({ expect }: TestContext) => {
    const f = await makeFixture()
    try {
      await test(f, expect)
    } finally {
      await f.dispose()
    }
  }

/**
 * What every store must do, whatever it keeps its data in: the embedded and PostgreSQL stores run
 * the same suite unchanged.
 */
export function journalStoreContract(name: string, makeFixture: () => Promise<StoreFixture>): void {
  journalContract(name, makeFixture)
  const withFixture = fixtureRunner(makeFixture)
  storeContracts(name, withFixture)
}

/**
 * What every BoardJournal must do: the embedded files, PostgreSQL and the in-memory journal the
 * sync core's unit tests use (test/support/memory-journal.ts) all pass it.
 */
export function journalContract(name: string, makeFixture: () => Promise<JournalFixture>): void {
  const withFixture = fixtureRunner(makeFixture)
  describe(`${name}: journal contract`, () => {
    it('starts a new board empty', withFixture(async (f, expect) => {
      const j = await f.journals.open('fresh')
      expect(await j.load()).toEqual({ checkpoint: null, tail: [], lastSeq: 0, lastAt: 0 })
      await j.close()
    }))

    it('numbers entries 1, 2, 3 and keeps them in order across a reopen', withFixture(async (f, expect) => {
      const j = await f.journals.open('b1')
      await j.load()
      const updates = [updateSetting('a', '1'), updateSetting('b', '2'), updateSetting('c', '3')]
      const seqs: number[] = []
      for (const [i, update] of updates.entries()) seqs.push((await j.append({ at: 1000 + i, participantId: `p${i}`, update })).seq)
      expect(seqs).toEqual([1, 2, 3])
      await j.close()
      const again = await (await f.reopen()).journals.open('b1')
      const loaded = await again.load()
      expect(loaded.lastSeq).toBe(3)
      expect(loaded.lastAt).toBe(1002)
      expect(loaded.tail.map((e) => [e.seq, e.at, e.participantId])).toEqual([
        [1, 1000, 'p0'],
        [2, 1001, 'p1'],
        [3, 1002, 'p2']
      ])
      expect(loaded.tail.map((e) => Buffer.from(e.update))).toEqual(updates.map((u) => Buffer.from(u)))
      expect((await again.append({ at: 2000, participantId: 'p', update: updateSetting('d', '4') })).seq).toBe(4)
      await again.close()
    }))

    it('never lets arrival times go backwards', withFixture(async (f, expect) => {
      const j = await f.journals.open('clock')
      await j.load()
      await j.append({ at: 5000, participantId: 'p', update: updateSetting('a', '1') })
      const e = await j.append({ at: 4000, participantId: 'p', update: updateSetting('a', '2') })
      expect(e.at).toBe(5000)
      await j.close()
    }))

    it('keeps boards apart', withFixture(async (f, expect) => {
      const a = await f.journals.open('board-a')
      const b = await f.journals.open('board-b')
      await a.load()
      await b.load()
      await a.append({ at: 1, participantId: 'p', update: updateSetting('a', '1') })
      expect((await b.append({ at: 1, participantId: 'p', update: updateSetting('b', '1') })).seq).toBe(1)
      expect((await a.read(0, 10)).length).toBe(1)
      await a.close()
      await b.close()
    }))

    it('reports entries durable after a flush', withFixture(async (f, expect) => {
      const j = await f.journals.open('durable')
      await j.load()
      const seen: number[] = []
      j.onDurable((seq) => seen.push(seq))
      await j.append({ at: 1, participantId: 'p', update: updateSetting('a', '1') })
      await j.append({ at: 2, participantId: 'p', update: updateSetting('a', '2') })
      expect(await j.flush()).toBe(2)
      expect(seen.at(-1)).toBe(2)
      await j.close()
    }))

    it('loads from the newest checkpoint plus the entries after it', withFixture(async (f, expect) => {
      const j = await f.journals.open('cp')
      await j.load()
      const doc = new Y.Doc()
      let seq: number
      for (let i = 0; i < 10; i++) {
        const before = Y.encodeStateVector(doc)
        doc.getMap('concepts').set(`c${i}`, `v${i}`)
        seq = (await j.append({ at: i, participantId: 'p', update: Y.encodeStateAsUpdate(doc, before) })).seq
        if (i === 6) await j.writeCheckpoint({ seq, at: i, state: Y.encodeStateAsUpdateV2(doc) })
      }
      await j.close()
      const again = await (await f.reopen()).journals.open('cp')
      const loaded = await again.load()
      expect(loaded.checkpoint?.seq).toBe(7)
      expect(loaded.tail.map((e) => e.seq)).toEqual([8, 9, 10])
      const restored = new Y.Doc()
      Y.applyUpdateV2(restored, loaded.checkpoint!.state)
      for (const e of loaded.tail) Y.applyUpdate(restored, e.update)
      expect(restored.getMap('concepts').toJSON()).toEqual(doc.getMap('concepts').toJSON())
      expect(await again.checkpoints()).toEqual([{ seq: 7, at: 6 }])
      const cp = await again.readCheckpoint(7)
      expect(cp?.state).toEqual(loaded.checkpoint!.state)
      expect(await again.readCheckpoint(3)).toBeNull()
      // The history before the checkpoint stays readable for replay.
      expect((await again.read(0, 100)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      await again.close()
    }))

    it('reads history in pages', withFixture(async (f, expect) => {
      const j = await f.journals.open('pages')
      await j.load()
      for (let i = 0; i < 2500; i++) await j.append({ at: i, participantId: `p${i % 3}`, update: updateSetting('k', String(i)) })
      expect((await j.read(0, 3)).map((e) => e.seq)).toEqual([1, 2, 3])
      expect((await j.read(1024, 2)).map((e) => e.seq)).toEqual([1025, 1026])
      expect((await j.read(2498, 10)).map((e) => e.seq)).toEqual([2499, 2500])
      expect(await j.read(2500, 10)).toEqual([])
      const page = await j.read(1999, 1)
      expect(page[0]).toMatchObject({ seq: 2000, at: 1999, participantId: 'p1' })
      await j.close()
    }))
  })

}

/** A test of the contract, run with a fresh fixture and the test's own `expect` (fixtureRunner). */
export type WithStoreFixture = (test: (f: StoreFixture, expect: ExpectStatic) => Promise<void>) => (context: TestContext) => Promise<void>

function storeContracts(name: string, withFixture: WithStoreFixture): void {
  describe(`${name}: metadata contract`, () => {
    const board = (id: string) => ({
      id,
      title: `Board ${id}`,
      focusQuestion: 'Why?',
      createdAt: 1,
      locked: false,
      archived: false,
      allowedOrigins: []
    })

    it('creates, reads, lists and updates boards, and survives a reopen', withFixture(async (f, expect) => {
      await f.metadata.createBoard(board('m1'))
      await f.metadata.createBoard(board('m2'))
      expect(await f.metadata.getBoard('nope')).toBeNull()
      expect(await f.metadata.getBoard('constructor')).toBeNull()
      expect((await f.metadata.updateBoard('m1', { locked: true }))?.locked).toBe(true)
      expect(await f.metadata.updateBoard('nope', { locked: true })).toBeNull()
      const reopened = (await f.reopen()).metadata
      expect((await reopened.listBoards()).map((b) => b.id).sort()).toEqual(['m1', 'm2'])
      expect(await reopened.getBoard('m1')).toEqual({ ...board('m1'), locked: true })
    }))

    it('keeps participants and invites per board', withFixture(async (f, expect) => {
      await f.metadata.createBoard(board('pb'))
      await f.metadata.createInvite({ id: 'i1', boardId: 'pb', role: 'brand', name: 'Bo', createdAt: 1, expiresAt: 2, revokedAt: null })
      await f.metadata.createParticipant({
        id: 'p1',
        boardId: 'pb',
        role: 'brand',
        name: 'Bo',
        createdAt: 1,
        inviteId: 'i1',
        revokedAt: null,
        firstConnectedAt: null
      })
      expect((await f.metadata.getInvite('i1'))?.name).toBe('Bo')
      expect((await f.metadata.updateParticipant('p1', { firstConnectedAt: 5 }))?.firstConnectedAt).toBe(5)
      expect((await f.metadata.updateInvite('i1', { revokedAt: 9 }))?.revokedAt).toBe(9)
      expect((await f.metadata.listParticipants('pb')).map((p) => p.id)).toEqual(['p1'])
      expect(await f.metadata.listParticipants('other')).toEqual([])
      // Returned records are copies: changing one changes nothing stored.
      const p = (await f.metadata.getParticipant('p1'))!
      p.name = 'changed'
      expect((await f.metadata.getParticipant('p1'))?.name).toBe('Bo')
    }))

    it('lists a board\'s invites oldest first, with group links and the invites issued through them', withFixture(async (f, expect) => {
      const invite = (id: string, boardId: string, createdAt: number, extra: object = {}) =>
        ({ id, boardId, role: 'customer' as const, name: null, createdAt, expiresAt: createdAt + 100, revokedAt: null, ...extra })
      await f.metadata.createInvite(invite('g1', 'lb', 5, { group: true, label: 'Customers of <Partner X>' }))
      await f.metadata.createInvite(invite('i0', 'lb', 1))
      await f.metadata.createInvite(invite('m1', 'lb', 7, { name: 'Gina', groupInviteId: 'g1' }))
      await f.metadata.createInvite(invite('x1', 'other', 2))
      expect((await f.metadata.listInvites('lb')).map((i) => i.id)).toEqual(['i0', 'g1', 'm1'])
      expect(await f.metadata.listInvites('none')).toEqual([])
      await f.metadata.updateInvite('g1', { revokedAt: 9 })
      const reopened = (await f.reopen()).metadata
      expect(await reopened.getInvite('g1')).toEqual(invite('g1', 'lb', 5, { group: true, label: 'Customers of <Partner X>', revokedAt: 9 }))
      expect((await reopened.getInvite('m1'))?.groupInviteId).toBe('g1')
      // Copies, as everywhere.
      const listed = (await reopened.listInvites('lb'))[0]!
      listed.name = 'changed'
      expect((await reopened.getInvite('i0'))?.name).toBeNull()
    }))

    it('finds an invite by its join code, across boards', withFixture(async (f, expect) => {
      const invite = (id: string, boardId: string, code?: string) =>
        ({ id, boardId, role: 'customer' as const, name: null, createdAt: 1, expiresAt: 100, revokedAt: null, group: true, label: null, ...(code ? { code } : {}) })
      await f.metadata.createInvite(invite('g1', 'b1', 'ABCD2345'))
      await f.metadata.createInvite(invite('g2', 'b2', 'WXYZ6789'))
      await f.metadata.createInvite(invite('g3', 'b2'))
      expect((await f.metadata.findInviteByCode('WXYZ6789'))?.id).toBe('g2')
      expect(await f.metadata.findInviteByCode('NOPE2345')).toBeNull()
      await f.metadata.updateInvite('g1', { revokedAt: 5 })
      const reopened = (await f.reopen()).metadata
      expect(await reopened.findInviteByCode('ABCD2345')).toEqual({ ...invite('g1', 'b1', 'ABCD2345'), revokedAt: 5 })
    }))

    it('keeps session marks per board, by start time, and survives a reopen', withFixture(async (f, expect) => {
      await f.metadata.createSessionMark({ id: 's2', boardId: 'sm', name: 'Afternoon', startedAt: 50, endedAt: null })
      await f.metadata.createSessionMark({ id: 's1', boardId: 'sm', name: 'Morning', startedAt: 10, endedAt: 20 })
      await f.metadata.createSessionMark({ id: 's3', boardId: 'other', name: 'Elsewhere', startedAt: 1, endedAt: null })
      expect((await f.metadata.updateSessionMark('s2', { endedAt: 60 }))?.endedAt).toBe(60)
      expect(await f.metadata.updateSessionMark('nope', { endedAt: 1 })).toBeNull()
      const reopened = (await f.reopen()).metadata
      expect(await reopened.listSessionMarks('sm')).toEqual([
        { id: 's1', boardId: 'sm', name: 'Morning', startedAt: 10, endedAt: 20 },
        { id: 's2', boardId: 'sm', name: 'Afternoon', startedAt: 50, endedAt: 60 }
      ])
      expect(await reopened.listSessionMarks('none')).toEqual([])
    }))

    it('keeps one pulse answer set per participant and session, the latest last, across a reopen', withFixture(async (f, expect) => {
      const pulse = (participantId: string, session: string, at: number, understood: number | null, boardId = 'pb') =>
        ({ boardId, participantId, session, at, understood, learned: 3, represents: null })
      expect(await f.metadata.recordPulse(pulse('u1', 's1', 10, 4))).toBe('recorded')
      expect(await f.metadata.recordPulse(pulse('b1', 's1', 11, 2))).toBe('recorded')
      expect(await f.metadata.recordPulse(pulse('u1', 's2', 12, 5))).toBe('recorded')
      expect(await f.metadata.recordPulse(pulse('u9', 's1', 13, 1, 'other'))).toBe('recorded')
      // Asked to keep an earlier set, the store writes nothing.
      expect(await f.metadata.recordPulse(pulse('u1', 's1', 13, 1), { keepEarlier: true })).toBe('kept')
      // A second answer set replaces the first and counts as recorded now.
      expect(await f.metadata.recordPulse(pulse('u1', 's1', 14, null))).toBe('replaced')
      const reopened = (await f.reopen()).metadata
      expect(await reopened.listPulses('pb')).toEqual([pulse('b1', 's1', 11, 2), pulse('u1', 's2', 12, 5), pulse('u1', 's1', 14, null)])
      expect(await reopened.listPulses('none')).toEqual([])
    }))

    it('keeps exactly one of several first pulse answer sets sent at once with keepEarlier', withFixture(async (f, expect) => {
      const pulse = (at: number) => ({ boardId: 'pc', participantId: 'u1', session: 's1', at, understood: at, learned: null, represents: null })
      const results = await Promise.all([1, 2, 3, 4, 5].map((at) => f.metadata.recordPulse(pulse(at), { keepEarlier: true })))
      expect(results.filter((r) => r === 'recorded')).toHaveLength(1)
      expect(results.filter((r) => r === 'kept')).toHaveLength(4)
      const kept = await f.metadata.listPulses('pc')
      expect(kept).toHaveLength(1)
      expect(kept[0]).toEqual(pulse(results.indexOf('recorded') + 1))
    }))

    it('keeps dot-vote rounds (one open per board) and one ballot per participant and round, across a reopen', withFixture(async (f, expect) => {
      const m = f.metadata
      const round = (id: string, boardId: string, openedAt: number) => ({ id, boardId, name: `Round ${id}`, dots: 3, openedAt, closedAt: null })
      expect(await m.openVoteRound(round('r1', 'vb', 10))).toBe(true)
      // Another open round of the same board is refused; another board's is not.
      expect(await m.openVoteRound(round('r2', 'vb', 11))).toBe(false)
      expect(await m.openVoteRound(round('x1', 'other', 11))).toBe(true)
      const ballot = (roundId: string, participantId: string, at: number, dots: Record<string, number>, boardId = 'vb') =>
        ({ boardId, roundId, participantId, at, dots })
      expect(await m.castBallot(ballot('r1', 'u1', 12, { c1: 2 }))).toBe('cast')
      expect(await m.castBallot(ballot('r1', 'b1', 13, { c2: 1 }))).toBe('cast')
      // A later ballot replaces the earlier one and counts as cast now.
      expect(await m.castBallot(ballot('r1', 'u1', 14, { c1: 1, c3: 2 }))).toBe('cast')
      expect(await m.castBallot(ballot('nope', 'u1', 14, {}))).toBe('missing')
      // A round of another board is not found through this one.
      expect(await m.castBallot(ballot('x1', 'u1', 14, {}))).toBe('missing')
      expect(await m.closeVoteRound('other', 'r1', 15)).toBeNull()
      expect(await m.closeVoteRound('vb', 'r1', 15)).toEqual({ ...round('r1', 'vb', 10), closedAt: 15 })
      // Closing again keeps the first close.
      expect(await m.closeVoteRound('vb', 'r1', 16)).toEqual({ ...round('r1', 'vb', 10), closedAt: 15 })
      expect(await m.castBallot(ballot('r1', 'b1', 17, { c2: 3 }))).toBe('closed')
      expect(await m.openVoteRound(round('r2', 'vb', 18))).toBe(true)
      const reopened = (await f.reopen()).metadata
      expect(await reopened.listVoteRounds('vb')).toEqual([{ ...round('r1', 'vb', 10), closedAt: 15 }, round('r2', 'vb', 18)])
      expect(await reopened.listBallots('vb')).toEqual([ballot('r1', 'b1', 13, { c2: 1 }), ballot('r1', 'u1', 14, { c1: 1, c3: 2 })])
      expect(await reopened.listBallots('none')).toEqual([])
      expect(await reopened.listVoteRounds('none')).toEqual([])
    }))
  })

  historyContract(name, withFixture)
  snapshotContract(name, withFixture)
}

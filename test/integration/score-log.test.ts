import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { boardPolicy } from '../../server/boards/board-policy'
import { readConfig } from '../../server/config'
import { boardScoring, fromHistory, type BoardScoring } from '../../server/history/board-scoring'
import { HistoryService } from '../../server/history/history-service'
import type { ScoreScope } from '../../server/history/score-inputs'
import { createLogger } from '../../server/log'
import { roomLimits } from '../../server/start-server'
import { openEmbeddedStore } from '../../server/store/embedded/embedded-store'
import type { Store } from '../../server/store/store'
import { RoomRegistry } from '../../server/sync/room-registry'
import type { Role } from '../../shared/roles'
import { applyScoringEdits } from '../bench/scoring-edits'
import { prng } from '../support/prng'
import { expectSame } from '../support/expect-same'
import { systemClock } from '../../server/clock'

const log = createLogger('silent')
const dirs: string[] = []
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

const BOARD = 'scored'

/** A registry with a history service on a temp store, a clock the test moves, and a workshop's participants. */
async function setup(seed: number) {
  const dir = await mkdtemp(join(tmpdir(), 'cg-metrics-log-'))
  dirs.push(dir)
  const store: Store = await openEmbeddedStore({ dataDir: dir, fsyncIntervalMs: 5, log })
  const clock = { t: 1_000_000 }
  const history = new HistoryService({ store: store.history, log, keyframeMinChanges: 64 })
  const registry = new RoomRegistry({
    journals: store.journals,
    log,
    // The time the test sets (it also goes back); the idle unload, never reached here, waits on real timers.
    clock: { ...systemClock, now: () => clock.t },
    limits: roomLimits(readConfig({})),
    checkpointEvery: 50,
    idleUnloadMs: 600_000,
    maxBytesBeforeReady: 1 << 20,
    isLocked: async () => false,
    policy: boardPolicy,
    onLoaded: history.attach
  })
  history.bind(registry)
  closers.push(async () => {
    await registry.shutdown()
    await store.close()
  })
  const random = prng(seed)
  // Brand and customer people (some connecting late, one never), a facilitator and a viewer who edit too.
  const roles: Role[] = ['brand', 'customer', 'brand', 'customer', 'brand', 'customer', 'brand', 'customer', 'facilitator', 'viewer']
  const authors: string[] = []
  for (const [i, role] of roles.entries()) {
    const id = `p${i}`
    authors.push(id)
    const firstConnectedAt = i === 7 ? null : clock.t + Math.floor(random() * 20_000)
    await store.metadata.createParticipant({ id, boardId: BOARD, role, name: id, createdAt: clock.t, inviteId: 'i', revokedAt: null, firstConnectedAt })
  }
  const room = await registry.room(BOARD)
  const deps = { history, metadata: store.metadata }
  /** `updates` edits by random authors, 0–40 ms apart (a third in the same ms as the one before). */
  const edit = (updates: number, editSeed: number) =>
    applyScoringEdits(
      room,
      updates,
      authors,
      () => {
        clock.t += random() < 0.3 ? 0 : 1 + Math.floor(random() * 40)
      },
      editSeed
    )
  const pulse = async (participantId: string, session: string, values: [number | null, number | null, number | null]) =>
    store.metadata.recordPulse({ boardId: BOARD, participantId, session, at: clock.t, understood: values[0], learned: values[1], represents: values[2] })
  return { store, clock, history, registry, deps, edit, pulse, random }
}

type Setup = Awaited<ReturnType<typeof setup>>

/** The in-memory log's answer against the derived history read afresh, for one scope and moment. */
async function compare(s: Setup, at: number, scope: ScoreScope, what: string, options: { baseline?: boolean; timeline?: number[] } = {}): Promise<void> {
  const fast: BoardScoring = await boardScoring(s.deps, BOARD, at, scope)
  const reference = await fromHistory(s.deps, BOARD, at, scope)
  expectSame(fast.profile, reference.profile, `${what}: profile`)
  expect(fast.input().events, `${what}: events`).toEqual(reference.input().events)
  expect(fast.participation(), `${what}: participation`).toEqual(reference.participation())
  if (options.baseline) {
    expectSame(fast.baseline(), reference.baseline(), `${what}: baseline`)
    const people = fast.people()
    const expected = reference.people()
    expect(people.members, `${what}: members`).toEqual(expected.members)
    expect(people.attribution.network, `${what}: network`).toEqual(expected.attribution.network)
    expect([...people.attribution.uptakeByPerson].sort(), `${what}: uptake by person`).toEqual([...expected.attribution.uptakeByPerson].sort())
  }
  if (options.timeline) expectSame(await fast.profilesAt(options.timeline), await reference.profilesAt(options.timeline), `${what}: timeline`)
}

describe('the metrics log: profiles from memory equal the derived history read afresh', () => {
  it('as of now, in the past, over a session, with the baseline and a timeline, while edits go on (seeded)', async () => {
    for (const seed of [3, 17]) {
      const s = await setup(seed)
      const start = s.clock.t
      await s.edit(600, seed)
      await s.pulse('p0', 's1', [4, 5, 2])
      await s.pulse('p1', 's1', [3, null, 9])
      const sessionStart = s.clock.t
      await s.edit(500, seed + 1)
      await s.pulse('p2', 'auto-2', [5, 5, 5])
      await s.pulse('p0', 's1', [1, 2, 3])

      // The log answers (a null here would compare the fallback with itself).
      expect(await s.history.scoreLog(BOARD)).not.toBeNull()
      const now = s.clock.t
      const past = Array.from({ length: 4 }, () => start + Math.floor(s.random() * (now - start)))
      const moments = [...past, now, sessionStart, start]
      await compare(s, now, {}, `seed ${seed}, now`, { baseline: true, timeline: moments })
      for (const at of past) await compare(s, at, {}, `seed ${seed}, at ${at}`, { baseline: at === past[0] })
      const session = { from: sessionStart, session: 's1' }
      await compare(s, now, session, `seed ${seed}, session now`, { baseline: true, timeline: moments.filter((t) => t >= sessionStart) })
      await compare(s, sessionStart + Math.floor((now - sessionStart) / 2), session, `seed ${seed}, session midway`)

      // Live: the running profiles move on with each batch of edits (what a live stream reads).
      for (let round = 0; round < 3; round++) {
        await s.edit(150, seed * 10 + round)
        await compare(s, s.clock.t, {}, `seed ${seed}, live round ${round}`)
        await compare(s, s.clock.t, session, `seed ${seed}, live session round ${round}`, { baseline: round === 2 })
      }
      // A participant's role changes: every profile is scored again with the new role.
      await s.store.metadata.updateParticipant('p2', { role: 'customer' })
      await compare(s, s.clock.t, {}, `seed ${seed}, after a role change`, { baseline: true })
      await compare(s, s.clock.t, session, `seed ${seed}, session after a role change`)
    }
  })

  it('gives its kept baseline again only while what the baseline reads is the same', async () => {
    const s = await setup(11)
    await s.edit(400, 11)
    // Past every connection time but p7's (who never connected).
    s.clock.t += 20_000
    const t = s.clock.t
    await compare(s, t, {}, 'now', { baseline: true })
    const kept = (await boardScoring(s.deps, BOARD, t)).baseline()
    // Later, nothing new: the same baseline, not computed again.
    s.clock.t += 5000
    expect((await boardScoring(s.deps, BOARD, s.clock.t)).baseline()).toBe(kept)
    await compare(s, s.clock.t, {}, 'later, nothing new', { baseline: true })
    // The customer who never connected connects: equity's set, so the shuffles, change.
    await s.store.metadata.updateParticipant('p7', { firstConnectedAt: s.clock.t + 1000 })
    expect((await boardScoring(s.deps, BOARD, s.clock.t)).baseline()).toBe(kept)
    s.clock.t += 2000
    const joined = (await boardScoring(s.deps, BOARD, s.clock.t)).baseline()
    expect(joined).not.toBe(kept)
    await compare(s, s.clock.t, {}, 'after p7 connected', { baseline: true })
    // New edits, then a role change: computed again each time, equal to the history read afresh.
    await s.edit(50, 12)
    expect((await boardScoring(s.deps, BOARD, s.clock.t)).baseline()).not.toBe(joined)
    await compare(s, s.clock.t, {}, 'after more edits', { baseline: true })
    await s.store.metadata.updateParticipant('p3', { role: 'brand' })
    await compare(s, s.clock.t, {}, 'after a role change', { baseline: true })
    // And an earlier moment of the same board (a replay) is not answered with the kept one.
    await compare(s, t, {}, 'back at the first moment', { baseline: true })
  })

  it('still agrees after the clock steps back: the journal keeps accept times non-decreasing, which the log relies on', async () => {
    const s = await setup(5)
    await s.edit(200, 5)
    s.clock.t -= 5000
    await s.edit(100, 6)
    expect(await s.history.scoreLog(BOARD)).not.toBeNull()
    for (const at of [s.clock.t, s.clock.t + 10_000]) {
      await compare(s, at, {}, `after the step back, at ${at}`, { baseline: true, timeline: [s.clock.t - 2500, s.clock.t] })
    }
  })
})

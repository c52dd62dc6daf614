import { describe, expect, it } from 'vitest'
import { computeProfile, permutationBaseline, RunningProfile, scoredEvents, type MetricsInput, type PulseAnswer } from '../../../shared/metrics'
import { mulberry32 } from '../../../shared/metrics/prng'
import { syntheticJournal } from './synthetic-journal'
import { expectSame } from '../../support/expect-same'

/** Pulse answers by B and U participants (and a facilitator), some re-answered, at times across the journal. */
function pulsesFor(input: MetricsInput, seed: number): PulseAnswer[] {
  const random = mulberry32(seed)
  const t0 = input.events[0]!.at
  const span = input.at - t0
  const out: PulseAnswer[] = []
  for (let i = 0; i < 40; i++) {
    const p = input.participants[Math.floor(random() * input.participants.length)]!
    const item = () => (random() < 0.1 ? 7 : 1 + Math.floor(random() * 5))
    out.push({ participantId: p.id, role: p.role, session: random() < 0.5 ? 's1' : 's2', at: Math.floor(t0 + random() * span), understood: item(), learned: item(), represents: item() })
  }
  return out.sort((a, b) => (a.at as number) - (b.at as number))
}

/** The journal's participants connecting at times across it (some only after its end). */
function connectingLate(input: MetricsInput, seed: number): MetricsInput {
  const random = mulberry32(seed ^ 0x5a5a)
  const t0 = input.events[0]!.at
  const span = input.at - t0
  return { ...input, participants: input.participants.map((p) => ({ ...p, firstConnectedAt: Math.floor(t0 + random() * span * 1.1) })) }
}

/** Feeds a running profile the scored events in journal order, comparing it with computeProfile at `checkpoints` moments. */
function compareAlong(input: MetricsInput, pulses: PulseAnswer[], checkpoints: number, baselineAt: Set<number> = new Set()): number {
  const scored = scoredEvents(input.events, Infinity, input.mapAt)
  const running = new RunningProfile()
  const step = Math.max(1, Math.floor(scored.length / checkpoints))
  let compared = 0
  let next = 0
  for (let k = 1; k <= checkpoints; k++) {
    const last = scored[Math.min(scored.length, k * step) - 1]
    if (last === undefined) break
    // T at the last fed event's time, or between two events' times: both must agree.
    const T = k % 2 === 0 ? last.at : last.at + 1
    while (next < scored.length && scored[next]!.at <= T) running.add(scored[next++]!)
    const reference = { ...input, at: T, pulses }
    expectSame(running.profile(T, input.participants, pulses, input.mapAt), computeProfile(reference), `profile at ${T}`)
    if (baselineAt.has(k)) {
      expectSame(running.baseline(T, input.participants, input.mapAt, { iterations: 300 }), permutationBaseline(reference, { iterations: 300 }), `baseline at ${T}`)
    }
    compared++
  }
  return compared
}

describe('RunningProfile: the profile kept up to date as events arrive', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`equals computeProfile and permutationBaseline as of any moment on a random journal (seed ${seed})`, () => {
      const input = connectingLate(syntheticJournal(3000, seed, { sameMsShare: 0.25 }), seed)
      expect(compareAlong(input, pulsesFor(input, seed), 24, new Set([6, 24]))).toBe(24)
    })
  }

  it('equals computeProfile over a session scope (the events from its start only)', () => {
    for (const seed of [11, 12, 13]) {
      const input = connectingLate(syntheticJournal(3000, seed, { sameMsShare: 0.25 }), seed)
      const from = input.events[Math.floor(input.events.length / 3)]!.at
      const scoped = { ...input, events: input.events.filter((e) => e.at >= from) }
      const pulses = pulsesFor(input, seed).filter((p) => p.session === 's2')
      expect(compareAlong(scoped, pulses, 12, new Set([12]))).toBe(12)
    }
  })

  it('tells each author\'s content events and the time of their last one, as the events say', () => {
    const input = syntheticJournal(2000, 9, { sameMsShare: 0.25 })
    const scored = scoredEvents(input.events, Infinity, input.mapAt)
    const running = new RunningProfile()
    for (const e of scored) running.add(e)
    const expected = new Map<string, { contentEvents: number; lastContentAt: number | null }>()
    for (const e of scored) {
      const p = expected.get(e.participantId) ?? { contentEvents: 0, lastContentAt: null }
      if (e.content) expected.set(e.participantId, { contentEvents: p.contentEvents + 1, lastContentAt: e.at })
      else expected.set(e.participantId, p)
    }
    expect(expected.size).toBeGreaterThan(10)
    expect(running.participation()).toEqual(expected)
  })

  it('gives again what it computed while nothing was fed, and reads afresh a map or a stream that changed without B/U events', () => {
    const input = syntheticJournal(2000, 21, { sameMsShare: 0.25 })
    const scored = scoredEvents(input.events, Infinity, input.mapAt)
    const running = new RunningProfile()
    for (const e of scored) running.add(e)
    const end = scored[scored.length - 1]!.at
    // After the last B/U event a facilitator removes a third of the links and a concept: no event is fed.
    const full = input.mapAt(end)
    const trimmed = { concepts: full.concepts.slice(1), links: full.links.filter((_, i) => i % 3 !== 0) }
    const mapAt = (t: number) => (t < end ? input.mapAt(t) : t > end + 1000 ? trimmed : full)
    const stream = { items: new Set(['s1']), origins: new Map(full.concepts.slice(0, 25).map((c) => [c.id, 's1'] as [string, string])) }
    const moments: Array<[number, typeof stream | undefined]> = [
      [end, undefined],
      [end + 500, undefined],
      [end + 2000, undefined],
      [end + 3000, stream],
      [end + 4000, stream],
      [end + 5000, undefined]
    ]
    const profiles = moments.map(([T, s]) => {
      const profile = running.profile(T, input.participants, [], mapAt, [], s)
      expectSame(profile, computeProfile({ ...input, at: T, mapAt, pulses: [], stream: s }), `profile at ${T}`)
      return profile
    })
    // The trimmed map and the stream do move the figures, so keeping the first ones would be caught.
    expect(profiles[2]!.commonGroundCount).not.toBe(profiles[1]!.commonGroundCount)
    expect(profiles[3]!.stream.harvest).not.toBe(profiles[2]!.stream.harvest)
  })

  it('refuses events out of journal order or going back in time, so callers score from scratch instead', () => {
    const input = syntheticJournal(200, 3)
    const scored = scoredEvents(input.events, Infinity, input.mapAt)
    const running = new RunningProfile()
    running.add(scored[10]!)
    expect(running.accepts(scored[5]!)).toBe(false)
    expect(() => running.add(scored[5]!)).toThrow(/journal order/)
    expect(running.accepts({ ...scored[11]!, at: scored[10]!.at - 1 })).toBe(false)
    expect(() => running.profile(scored[10]!.at - 1, input.participants, [], input.mapAt)).toThrow(/before its last event/)
  })
})

import { compareIds } from '../events/element-event'
import { groupOf } from '../roles'
import type { Group } from '../roles'
import { scoringState } from './profile'
import { mulberry32, shuffleInPlace } from './prng'
import type { MetricsInput, MetricsLink, MetricsParticipant } from './types'
import { UptakePatterns } from './uptake-patterns'

export interface PermutationResult {
  observed: number | null
  /**
   * Share of permutations whose value is ≤ the observed value, × 100, over the permutations that
   * give a value (a permutation can leave a group with no content events, making uptake null).
   * Null when the observed value is null or no permutation gives a value.
   */
  percentile: number | null
  /** Permutations that gave a (non-null) value. */
  permutations: number
}

export interface PermutationBaseline {
  iterations: number
  seed: number
  bridging: PermutationResult
  uptake: { brand: PermutationResult; customer: PermutationResult }
}

export const DEFAULT_PERMUTATIONS = 1000
export const DEFAULT_SEED = 0x5eed

const B = 0
const U = 1

/**
 * Null model for bridging and uptake: the group labels of the B/U participants (equity's
 * participant set) are shuffled among them — group sizes kept — `iterations` times with a seeded
 * mulberry32 (each shuffle continues from the previous arrangement), and each metric is recomputed
 * with who-did-what unchanged. Separate from the profile so the profile stays fast; no replay per
 * permutation, and events are folded into patterns of (author, predecessors) first.
 */
export function permutationBaseline(
  input: MetricsInput,
  options: { iterations?: number; seed?: number } = {}
): PermutationBaseline {
  const s = scoringState(input, { recordPatterns: true })
  const authors = new Map<string, Group>()
  for (const e of s.events) authors.set(e.participantId, e.group)
  return baselineOf(
    {
      T: s.T,
      participants: input.participants,
      authors,
      patterns: s.patterns ?? new UptakePatterns(),
      P: s.P,
      creatorIdOf: (id) => s.history.concept.get(id)?.creatorId ?? null
    },
    options
  )
}

/** What the baseline reads of a replay as of T (from scratch, or a running profile's). */
export interface BaselineParts {
  T: number
  participants: readonly MetricsParticipant[]
  /** Each B/U author of an event at or before T, with the group of their last such event. */
  authors: ReadonlyMap<string, Group>
  patterns: UptakePatterns
  /** P at T. */
  P: readonly MetricsLink[]
  /** Author of a concept's latest B/U create (null: none). */
  creatorIdOf: (conceptId: string) => string | null
}

export function baselineOf(parts: BaselineParts, options: { iterations?: number; seed?: number } = {}): PermutationBaseline {
  const iterations = options.iterations ?? DEFAULT_PERMUTATIONS
  const seed = options.seed ?? DEFAULT_SEED

  // Participants and their observed labels: the list's role, overridden by the role they acted
  // in; ordered by id so the shuffle depends on the seed alone, not on the input's order. The
  // set is equity's: listed B/U participants connected by T, and every B/U author.
  const groups = new Map<string, Group>()
  const listed = new Map(parts.participants.map((p) => [p.id, groupOf(p.role)]))
  for (const p of parts.participants) {
    if (groupOf(p.role) === null || !(p.firstConnectedAt <= parts.T)) continue
    const g = listed.get(p.id)
    if (g != null) groups.set(p.id, g)
  }
  for (const [id, g] of parts.authors) groups.set(id, g)
  const ids = [...groups.keys()].sort(compareIds)
  const index = new Map(ids.map((id, i) => [id, i]))
  const labels = ids.map((id) => (groups.get(id) === 'B' ? B : U))

  // Compiled uptake patterns. Whether an event is uptake depends only on the labels of its
  // author and predecessors, so a permutation costs O(patterns), about 10^4 on a long board
  // rather than one step per event.
  // Flat arrays by number of distinct predecessors (a link create has at most two): the
  // evaluation below runs iterations × patterns times. Content counts need only each author's
  // total weight.
  const authorWeight = new Float64Array(ids.length)
  const one: number[] = [] // author, predecessor, weight
  const two: number[] = [] // author, predecessor, predecessor, weight
  const more: Array<{ author: number; preds: number[]; weight: number }> = []
  for (const p of parts.patterns.values()) {
    const author = index.get(p.authorId) as number
    authorWeight[author] = (authorWeight[author] as number) + p.weight
    const preds = p.predecessorIds.map((id) => index.get(id) as number)
    if (preds.length === 1) one.push(author, preds[0] as number, p.weight)
    else if (preds.length === 2) two.push(author, preds[0] as number, preds[1] as number, p.weight)
    else if (preds.length > 2) more.push({ author, preds, weight: p.weight })
  }
  const ones = Int32Array.from(one)
  const twos = Int32Array.from(two)

  // Compiled bridging pairs: creator indices of both endpoints, where both have a B/U creator,
  // folded the same way.
  const pairCounts = new Map<string, { a: number; b: number; weight: number }>()
  for (const p of parts.P) {
    const ca = parts.creatorIdOf(p.from)
    const cb = parts.creatorIdOf(p.to)
    if (ca == null || cb == null) continue
    const a = index.get(ca) as number
    const b = index.get(cb) as number
    const key = `${a}:${b}`
    const pair = pairCounts.get(key)
    if (pair === undefined) pairCounts.set(key, { a, b, weight: 1 })
    else pair.weight++
  }
  const pairs = Int32Array.from([...pairCounts.values()].flatMap(({ a, b, weight }) => [a, b, weight]))

  const lab = new Int8Array(ids.length)
  const evaluate = (labelling: readonly number[]) => {
    lab.set(labelling)
    let contentB = 0
    let contentU = 0
    for (let a = 0; a < lab.length; a++) {
      if (lab[a] === B) contentB += authorWeight[a] as number
      else contentU += authorWeight[a] as number
    }
    let tookB = 0
    let tookU = 0
    for (let i = 0; i < ones.length; i += 3) {
      const g = lab[ones[i] as number]
      if (lab[ones[i + 1] as number] === g) continue
      if (g === B) tookB += ones[i + 2] as number
      else tookU += ones[i + 2] as number
    }
    for (let i = 0; i < twos.length; i += 4) {
      const g = lab[twos[i] as number]
      if (lab[twos[i + 1] as number] === g && lab[twos[i + 2] as number] === g) continue
      if (g === B) tookB += twos[i + 3] as number
      else tookU += twos[i + 3] as number
    }
    for (const { author, preds, weight } of more) {
      const g = lab[author]
      if (preds.every((p) => lab[p] === g)) continue
      if (g === B) tookB += weight
      else tookU += weight
    }
    let external = 0
    let total = 0
    for (let i = 0; i < pairs.length; i += 3) {
      const weight = pairs[i + 2] as number
      total += weight
      if (lab[pairs[i] as number] !== lab[pairs[i + 1] as number]) external += weight
    }
    return {
      bridging: total === 0 ? null : (external - (total - external)) / total,
      brand: contentB === 0 ? null : tookB / contentB,
      customer: contentU === 0 ? null : tookU / contentU
    }
  }

  const observed = evaluate(labels)
  const tally = { bridging: [0, 0], brand: [0, 0], customer: [0, 0] }
  const random = mulberry32(seed)
  const shuffled = [...labels]
  for (let i = 0; i < iterations; i++) {
    const v = evaluate(shuffleInPlace(shuffled, random))
    for (const key of ['bridging', 'brand', 'customer'] as const) {
      const value = v[key]
      const obs = observed[key]
      if (value === null) continue
      const t = tally[key] as [number, number]
      t[1]++
      if (obs !== null && value <= obs) t[0]++
    }
  }
  const result = (key: 'bridging' | 'brand' | 'customer'): PermutationResult => {
    const [below, total] = tally[key] as [number, number]
    const obs = observed[key]
    const percentile = obs === null || total === 0 ? null : (below / total) * 100
    return { observed: obs, percentile, permutations: total }
  }
  return {
    iterations,
    seed,
    bridging: result('bridging'),
    uptake: { brand: result('brand'), customer: result('customer') }
  }
}

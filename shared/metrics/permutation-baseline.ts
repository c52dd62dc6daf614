import { compareIds } from '../events/element-event'
import { groupOf } from '../roles'
import type { Group } from '../roles'
import { contributions } from './equity'
import { scoringState } from './profile'
import { mulberry32, shuffleInPlace } from './prng'
import type { MetricsInput } from './types'

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
  const iterations = options.iterations ?? DEFAULT_PERMUTATIONS
  const seed = options.seed ?? DEFAULT_SEED
  const s = scoringState(input, { recordCandidates: true })
  const candidates = s.candidates ?? []

  // Participants and their observed labels: the list's role, overridden by the role they acted
  // in; ordered by id so the shuffle depends on the seed alone, not on the input's order.
  const groups = new Map<string, Group>()
  const listed = new Map(input.participants.map((p) => [p.id, groupOf(p.role)]))
  for (const id of contributions(input.participants, s.events, s.T).keys()) {
    const g = listed.get(id)
    if (g != null) groups.set(id, g)
  }
  for (const e of s.events) groups.set(e.participantId, e.group)
  const ids = [...groups.keys()].sort(compareIds)
  const index = new Map(ids.map((id, i) => [id, i]))
  const labels = ids.map((id) => (groups.get(id) === 'B' ? B : U))

  // Compiled uptake candidates. Whether an event is uptake depends only on the labels of its
  // author and predecessors, so events sharing (author, predecessors) are folded into one pattern
  // with a weight: a permutation then costs O(patterns), at most a few thousand on a long board.
  const patterns = new Map<string, { author: number; preds: number[]; weight: number }>()
  for (const c of candidates) {
    const author = index.get(c.authorId) as number
    const preds = [...new Set(c.predecessorIds.map((id) => index.get(id) as number))].sort((x, y) => x - y)
    const key = `${author}:${preds.join(',')}`
    const pattern = patterns.get(key)
    if (pattern === undefined) patterns.set(key, { author, preds, weight: 1 })
    else pattern.weight++
  }
  // flat arrays: the evaluation below runs iterations × patterns times
  const m = patterns.size
  const authorOf = new Int32Array(m)
  const weightOf = new Int32Array(m)
  const predStart = new Int32Array(m + 1)
  const predList: number[] = []
  let k = 0
  for (const { author, preds, weight } of patterns.values()) {
    authorOf[k] = author
    weightOf[k] = weight
    predStart[k] = predList.length
    predList.push(...preds)
    k++
  }
  predStart[m] = predList.length
  const predOf = Int32Array.from(predList)

  // Compiled bridging pairs: creator indices of both endpoints, where both have a B/U creator,
  // folded the same way.
  const pairCounts = new Map<string, { a: number; b: number; weight: number }>()
  for (const p of s.P) {
    const ca = s.history.concept.get(p.from)?.creatorId
    const cb = s.history.concept.get(p.to)?.creatorId
    if (ca == null || cb == null) continue
    const a = index.get(ca) as number
    const b = index.get(cb) as number
    const key = `${a}:${b}`
    const pair = pairCounts.get(key)
    if (pair === undefined) pairCounts.set(key, { a, b, weight: 1 })
    else pair.weight++
  }
  const pairs = [...pairCounts.values()]

  const evaluate = (lab: readonly number[]) => {
    let contentB = 0
    let contentU = 0
    let tookB = 0
    let tookU = 0
    for (let i = 0; i < m; i++) {
      const g = lab[authorOf[i] as number]
      const weight = weightOf[i] as number
      let took = false
      for (let j = predStart[i] as number, end = predStart[i + 1] as number; j < end && !took; j++) {
        took = lab[predOf[j] as number] !== g
      }
      if (g === B) {
        contentB += weight
        if (took) tookB += weight
      } else {
        contentU += weight
        if (took) tookU += weight
      }
    }
    let external = 0
    let total = 0
    for (const { a, b, weight } of pairs) {
      total += weight
      if (lab[a] !== lab[b]) external += weight
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

/**
 * Quick local timing check (not a test): `npx tsx test/unit/metrics/time-profile.ts`.
 * Scores a synthetic 100,000-event journal and prints wall and CPU times, with a calibration loop
 * so numbers from a busy machine can be read against an idle one.
 */
import { permutationBaseline } from '../../../shared/metrics/permutation-baseline'
import { computeProfile } from '../../../shared/metrics/profile'
import type { MetricsMap } from '../../../shared/metrics/types'
import { syntheticJournal } from './synthetic-journal'

const input = syntheticJournal(100_000)
const maps = new Map<number, MetricsMap>()
const cachedMapAt = (t: number): MetricsMap => {
  let m = maps.get(t)
  if (m === undefined) {
    m = input.mapAt(t)
    maps.set(t, m)
  }
  return m
}
const measure = (f: () => void) => {
  const cpu = process.cpuUsage()
  const wall = performance.now()
  f()
  const used = process.cpuUsage(cpu)
  return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 }
}
const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number

computeProfile({ ...input, mapAt: cachedMapAt }) // warm-up: JIT and the map cache
const runs = Array.from({ length: 9 }, () => measure(() => computeProfile({ ...input, mapAt: cachedMapAt })))
const ms = (x: number) => `${x.toFixed(0)} ms`
console.log(`profile of 100k events (mapAt cached): median wall ${ms(mid(runs.map((r) => r.wall)))}, cpu ${ms(mid(runs.map((r) => r.cpu)))}`)
const replay = Array.from({ length: 3 }, () => measure(() => computeProfile(input)))
console.log(`profile with mapAt replaying the journal for t1 and the cut: median wall ${ms(mid(replay.map((r) => r.wall)))}`)
const perm = measure(() => permutationBaseline({ ...input, mapAt: cachedMapAt }))
console.log(`permutation baseline (1000 shuffles): wall ${ms(perm.wall)}, cpu ${ms(perm.cpu)}`)
const calibration = measure(() => {
  let s = 0
  for (let i = 0; i < 1e8; i++) s += i & 7
  if (s < 0) console.log(s)
})
console.log(`calibration, 1e8 integer adds: ${ms(calibration.wall)} (about 80–100 ms on an idle core)`)

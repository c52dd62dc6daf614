/** mulberry32, the metrics' own seeded PRNG, so a failing run can be replayed from its seed. */
export { mulberry32 as prng } from '../../shared/metrics/prng'

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!
export const int = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1))

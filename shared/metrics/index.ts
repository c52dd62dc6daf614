export type {
  MetricsInput,
  MetricsParticipant,
  MetricsProfile,
  PulseAnswer,
  PulseItemSummary,
  StructureScore
} from './types'
export { computeProfile, scoringState } from './profile'
export { permutationBaseline, DEFAULT_PERMUTATIONS, DEFAULT_SEED } from './permutation-baseline'
export type { PermutationBaseline, PermutationResult } from './permutation-baseline'

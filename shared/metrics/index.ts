export type {
  MetricsInput,
  MetricsLink,
  MetricsMap,
  MetricsParticipant,
  MetricsProfile,
  PulseAnswer,
  PulseItemSummary,
  StructureScore,
  VoteBallot,
  VoteRound
} from './types'
export { computeProfile, scoringState } from './profile'
export { permutationBaseline, DEFAULT_PERMUTATIONS, DEFAULT_SEED } from './permutation-baseline'
export type { PermutationBaseline, PermutationResult } from './permutation-baseline'
export { RunningProfile } from './running-profile'
export { scoredEvent, scoredEvents } from './scored-events'
export type { ScoredEvent } from './scored-events'
export { priorities } from './priorities'
export { streamMetrics } from './stream'
export type { StreamMetrics, StreamState } from './stream'

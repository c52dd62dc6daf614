import type { MetricsProfile } from '../metrics/types'
import type { ParticipantView } from './history'

/** One `profile` event of `GET /api/boards/:id/live` (contract "Facilitating live"). */
export interface LiveProfile {
  at: number
  session: string | null
  metrics: MetricsProfile
  /** Each brand or customer participant of the scope, with how many content events they made and when the last was. */
  participation: Array<{ participant: ParticipantView; contentEvents: number; lastContentAt: number | null }>
}

import { HISTORY_API } from '../../shared/api/routes/history-routes'
import { boardClient, boardParams, type BoardTarget } from './board-api'

/** The three pulse items of metrics.md (10), each an integer 1–5 or null (not answered). */
export interface PulseAnswers {
  understood: number | null
  learned: number | null
  represents: number | null
}

export const PULSE_QUESTIONS: ReadonlyArray<{ item: keyof PulseAnswers; text: string }> = [
  { item: 'understood', text: 'The other side understood my view' },
  { item: 'learned', text: 'I learned something new about the other side' },
  { item: 'represents', text: 'This map represents what we share' }
]

/**
 * Sends one participant's answer set; without a session the server picks the board's current one.
 * Never a replacement: the dialog starts blank, so an earlier set is kept (the server answers 409).
 * Resolves to the session the answers are for.
 */
export async function sendPulse(t: BoardTarget, answers: PulseAnswers, session: string | null): Promise<string> {
  const body = { ...(session ? { session } : {}), replace: false, ...answers }
  return (await boardClient(t).call(HISTORY_API.pulse, { params: boardParams(t), body })).session
}

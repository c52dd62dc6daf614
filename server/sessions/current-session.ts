import type { BoardSession } from '../../shared/api/sessions'

/**
 * The session a pulse answer is for when the participant names none: the running one (a marked
 * session before one found from activity), else the one that ended last. Null without sessions.
 */
export function currentSession(sessions: readonly BoardSession[]): BoardSession | null {
  const rank = (s: BoardSession) => (s.open ? (s.kind === 'marked' ? 2 : 1) : 0)
  let best: BoardSession | null = null
  for (const s of sessions) {
    if (best === null) best = s
    else if (rank(s) !== rank(best)) best = rank(s) > rank(best) ? s : best
    else if (s.end > best.end || (s.end === best.end && s.start > best.start)) best = s
  }
  return best
}

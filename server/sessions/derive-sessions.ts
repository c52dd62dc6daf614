import type { BoardSession } from '../../shared/api/sessions'
import type { SessionMarkRecord } from '../store/metadata'

export const DEFAULT_SESSION_GAP_MS = 30 * 60_000

/** The id of a session found from activity: its first moment, stable as later activity arrives. */
export const activitySessionId = (start: number) => `auto-${start}`

/**
 * A board's sessions: each marked session as marked, plus, from the activity outside every marked
 * session, stretches separated by at least `gapMs` of quiet. Pure; `times` ascending.
 */
export function deriveSessions(
  marks: readonly SessionMarkRecord[],
  times: readonly number[],
  gapMs: number,
  now: number
): BoardSession[] {
  const sessions: BoardSession[] = marks.map((m) => ({
    id: m.id,
    name: m.name,
    kind: 'marked',
    start: m.startedAt,
    end: m.endedAt ?? Math.max(now, m.startedAt),
    open: m.endedAt === null
  }))
  const inMark = (t: number) => marks.some((m) => t >= m.startedAt && (m.endedAt === null || t <= m.endedAt))
  let start: number | null = null
  let last = 0
  const close = () => {
    if (start === null) return
    // Open while more activity could still join it: within the gap, and no marked session begun since
    // (what comes after a mark is a new stretch), or replay called a finished stretch "running".
    const open = now - last < gapMs && !marks.some((m) => m.startedAt >= last)
    sessions.push({ id: activitySessionId(start), name: null, kind: 'activity', start, end: last, open })
    start = null
  }
  for (const t of times) {
    if (marks.length > 0 && inMark(t)) {
      // A mark cuts activity around it: what comes after it is a new stretch.
      close()
      continue
    }
    if (start !== null && t - last >= gapMs) close()
    if (start === null) start = t
    last = t
  }
  close()
  return sessions.sort((a, b) => a.start - b.start || a.end - b.end)
}

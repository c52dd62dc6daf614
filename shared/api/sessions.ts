/**
 * A session: a stretch of a board's life that replay, metrics, snapshots, reports and exports can be
 * scoped to (docs/api.md, "Sessions"). Derived on the server (server/sessions), read by the console,
 * replay and report pages. Not a connection: the board page calls its socket a BoardConnection.
 */
export interface BoardSession {
  id: string
  /** The facilitator's name for a marked session; null for one found from activity. */
  name: string | null
  kind: 'marked' | 'activity'
  start: number
  /** The mark's end, or the last activity; for a session still running, now. */
  end: number
  /** Still running: marked and not ended, or its last activity less than the quiet gap ago. */
  open: boolean
}

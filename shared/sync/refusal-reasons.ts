/**
 * Why the server did not keep a client's sync update. The reason travels as the text of the
 * permission-denied message (y-protocols auth, message type 2), exactly one of these words, so that
 * a client can explain it (see docs/api.md "Refused updates").
 */
export const UPDATE_REFUSALS = [
  /** The participant may only read (a viewer): the update was dropped. */
  'read-only',
  /** The board is locked: only facilitators change it. */
  'locked',
  /** Only facilitators (and the server) write the board's `meta`. */
  'meta-facilitator-only',
  /** Only the server writes the board's `stream`. */
  'stream-server-only',
  /** The change breaks the board document's schema (contract "The board document"). */
  'shape',
  /** The change would take the board over its number of concepts or links. */
  'limit',
  /**
   * The update holds changes under a Yjs client id another participant wrote under first (it would
   * take that participant's later edits): refused before it is applied, and its sender is closed (4400).
   */
  'client-id'
] as const

export type UpdateRefusal = (typeof UPDATE_REFUSALS)[number]

export function isUpdateRefusal(value: unknown): value is UpdateRefusal {
  return typeof value === 'string' && (UPDATE_REFUSALS as readonly string[]).includes(value)
}

/** Each reason in words a participant understands (what happened to their change, and why). */
export const REFUSAL_WORDS: Readonly<Record<UpdateRefusal, string>> = {
  'read-only': 'You can watch this board but not change it.',
  locked: 'The board is locked: only facilitators can change it now.',
  'meta-facilitator-only': 'Only facilitators can change the board’s title and focus question.',
  'stream-server-only': 'The stream is filled by uploads only.',
  shape: 'The change does not fit the board’s format.',
  limit: 'The board holds as many concepts or links as it may.',
  'client-id': 'The change came under another participant’s identity and was not kept.'
}

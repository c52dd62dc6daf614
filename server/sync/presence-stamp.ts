import type { Participant } from './sync-socket'

/** Longest name shown for anyone (our board shows 80 characters). */
export const MAX_PRESENCE_NAME = 80

const HEX_COLOR = /^#[0-9a-fA-F]{3,8}$/
/**
 * Control characters and the bidirectional overrides and isolates: a name is shown next to other
 * text, and an override in it would turn that text around (a "facilitator" written backwards).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** A name as a participant typed it, safe to show: no control or direction characters, trimmed, bounded. */
export function cleanName(name: string): string {
  return name.replace(UNSAFE_CHARACTERS, '').trim().slice(0, MAX_PRESENCE_NAME)
}

/** Folds a name for comparison: "Ana", " ana " and "ANA" are one name. */
export const nameKey = (name: string): string => cleanName(name).normalize('NFKC').toLowerCase()

/**
 * The state the server relays for `participant`, from the one its client published: the server
 * writes `user` itself, so that nobody appears with another's role or identity. `user.role` and
 * `user.id` come from the token; `user.name` too when the token names its participant, else it is the
 * name the client chose (cleaned), unless that name belongs to someone the token names (`reserved`),
 * in which case it is marked as a guest's. A colour is kept only as `#rgb`…`#rrggbbaa`. Anything
 * else the client published (cursor, selection, …) is its own business and passes through. A state
 * that is not a JSON object is refused (null).
 */
export function stampPresence(state: unknown, participant: Participant, reserved: (key: string) => boolean): Record<string, unknown> | null {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return null
  const published = state as Record<string, unknown>
  const claimed = published.user !== null && typeof published.user === 'object' && !Array.isArray(published.user) ? (published.user as Record<string, unknown>) : {}
  const user: Record<string, unknown> = {}
  const name = participant.name !== null ? cleanName(participant.name) : typeof claimed.name === 'string' ? chosenName(claimed.name, reserved) : ''
  if (name !== '') user.name = name
  user.role = participant.role
  user.id = participant.id
  if (typeof claimed.color === 'string' && HEX_COLOR.test(claimed.color)) user.color = claimed.color
  return { ...published, user }
}

function chosenName(raw: string, reserved: (key: string) => boolean): string {
  const name = cleanName(raw)
  if (name === '' || !reserved(nameKey(name))) return name
  return `${name.slice(0, MAX_PRESENCE_NAME - 8)} (guest)`
}

import { stdSerializers } from 'pino'

export const REDACTED = '[redacted]'

/**
 * Text patterns that carry a secret wherever they appear: a URL's `token=` (also percent-encoded,
 * as inside an oEmbed `url=`), a Bearer credential, a compact JWS, a JSON `"…token": "…"` pair, a
 * password in a URL.
 */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/([?&#;]token=)[^&#\s"'<>]*/gi, `$1${REDACTED}`],
  [/(token%3D)(?:(?!%26|%23)[^&#\s"'<>])*/gi, `$1${REDACTED}`],
  [/(\bBearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`],
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, REDACTED],
  [/("[\w-]*(?:token|authorization|password|secret)"\s*:\s*")(?:[^"\\]|\\.)*"/gi, `$1${REDACTED}"`],
  // A password in a connection URL (DATABASE_URL, a Redis URL) that an error message quotes.
  [/(\b[a-z][\w+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi, `$1${REDACTED}@`]
]

/** Field names whose value is a secret whatever it looks like. */
const SECRET_KEY = /^(?:[\w-]*token|authorization|proxy-authorization|cookie|set-cookie|password|secret)$/i

const MAX_DEPTH = 6

export function scrubText(text: string): string {
  let out = text
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement)
  return out
}

/**
 * A copy of a log line's fields with secrets taken out: secret-named fields blanked, every string
 * scrubbed, errors serialized first (their messages and stacks can quote a URL). Deep values past a
 * bound are cut rather than walked, so a huge object cannot stall logging.
 */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value)
  if (value === null || typeof value !== 'object') return value
  if (depth >= MAX_DEPTH) return '[too deep]'
  if (value instanceof Error) return scrubValue(stdSerializers.err(value), depth + 1)
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1))
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`
  const toJSON = (value as { toJSON?: unknown }).toJSON
  if (typeof toJSON === 'function') return scrubValue(toJSON.call(value), depth + 1)
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) && v !== undefined && v !== null ? REDACTED : scrubValue(v, depth + 1)
  return out
}

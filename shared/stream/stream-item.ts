/**
 * An item of a board's stream (contract, "The stream"): what customers already said, loaded from a
 * file. The document holds it as a `Y.Map` `{text, author?, source?, at?, url?}` under its id in
 * `doc.getMap('stream')`; only the server writes it.
 */
export interface StreamItem {
  text: string
  author?: string
  source?: string
  /** ISO 8601 (`Date.prototype.toISOString`). */
  at?: string
  /** http or https only. */
  url?: string
}

export const STREAM_FIELDS = ['text', 'author', 'source', 'at', 'url'] as const
export type StreamField = (typeof STREAM_FIELDS)[number]

export const STREAM_LIMITS = {
  /** Upload size in bytes; larger → 413. */
  maxBytes: 5 * 1024 * 1024,
  /** The contract's bound on an item's text; longer text is cut there (and counted). */
  maxTextLength: 2000,
  /** Author and source are names, not prose. */
  maxNameLength: 200,
  maxUrlLength: 2048,
  /** Items a board's stream holds at most: every item lives in the document each client syncs. */
  maxItems: 5000,
  /** Columns a CSV row may have: a row of millions of empty cells is a hostile file, not data. */
  maxCsvFields: 1000
} as const

/** Why an upload was refused; the server answers 400 (413 for `too-large`) and adds nothing. */
export type StreamErrorReason =
  | 'too-large'
  | 'bad-encoding'
  | 'unknown-format'
  | 'not-csv'
  | 'no-text-column'
  | 'not-jsonl'
  | 'not-feed'
  | 'forbidden-dtd'
  | 'not-xml'
  | 'too-many-elements'
  | 'too-many-items'

export class StreamError extends Error {
  override readonly name = 'StreamError'
  constructor(readonly reason: StreamErrorReason, message: string) {
    super(message)
  }
}

/** What a file gave: usable items in file order, and how many candidates were unusable (no text). */
export interface ParsedStream {
  items: StreamItem[]
  unusable: number
  /** Texts cut to `maxTextLength`. */
  shortened: number
}

// C0 and C1 controls other than tab and line feed, and lone surrogates: never meant as text.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

function cut(value: string, max: number): string {
  if (value.length <= max) return value
  // Never split a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(value[max - 1]!) ? max - 1 : max
  return value.slice(0, end)
}

/** Text as an item holds it: line breaks kept (as \n), controls gone, trimmed. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim()
}

/** A one-line name: whitespace collapsed, controls gone, cut to `maxNameLength`. */
function cleanName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const name = cut(value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim(), STREAM_LIMITS.maxNameLength).trim()
  return name.length > 0 ? name : undefined
}

// ISO 8601 as files write it: a date, or a date and time with an optional zone.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

/** `at` as ISO 8601 (UTC), or undefined when the value is not a date this accepts. */
export function cleanDate(value: unknown, { rfc822 = false } = {}): string | undefined {
  if (typeof value !== 'string') return undefined
  const raw = value.trim()
  if (raw.length === 0 || raw.length > 64) return undefined
  let ms: number
  if (ISO_8601.test(raw)) {
    let iso = raw.replace(' ', 'T').replace(',', '.').replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
    // A time without a zone is read as UTC, never as the server's local time.
    if (iso.includes('T') && !/(?:Z|[+-]\d{2}:\d{2})$/.test(iso)) iso += 'Z'
    ms = Date.parse(iso)
  }
  else if (rfc822 && /^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{2}:\d{2}/.test(raw)) ms = Date.parse(raw)
  else return undefined
  if (!Number.isFinite(ms)) return undefined
  const date = new Date(ms)
  const year = date.getUTCFullYear()
  return year >= 1 && year <= 9999 ? date.toISOString() : undefined
}

/** An http(s) URL as the URL parser writes it; anything else (javascript:, data:, file:, junk) is dropped. */
export function cleanUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const raw = value.trim()
  if (raw.length === 0 || raw.length > STREAM_LIMITS.maxUrlLength) return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  return url.href.length <= STREAM_LIMITS.maxUrlLength ? url.href : undefined
}

/** Collects items from candidates: validates every field, drops what is unusable, counts it. */
export class ItemCollector {
  readonly items: StreamItem[] = []
  unusable = 0
  shortened = 0

  add(raw: { text?: unknown; author?: unknown; source?: unknown; at?: unknown; url?: unknown }, options: { rfc822?: boolean } = {}): void {
    if (typeof raw.text !== 'string') {
      this.unusable++
      return
    }
    let text = cleanText(raw.text)
    if (text.length === 0) {
      this.unusable++
      return
    }
    if (text.length > STREAM_LIMITS.maxTextLength) {
      text = cut(text, STREAM_LIMITS.maxTextLength).trimEnd()
      this.shortened++
    }
    if (this.items.length >= STREAM_LIMITS.maxItems) {
      throw new StreamError('too-many-items', `the file holds more than ${STREAM_LIMITS.maxItems} items, the most a board's stream holds`)
    }
    const item: StreamItem = { text }
    const author = cleanName(raw.author)
    const source = cleanName(raw.source)
    const at = cleanDate(raw.at, options)
    const url = cleanUrl(raw.url)
    if (author !== undefined) item.author = author
    if (source !== undefined) item.source = source
    if (at !== undefined) item.at = at
    if (url !== undefined) item.url = url
    this.items.push(item)
  }

  result(): ParsedStream {
    return { items: this.items, unusable: this.unusable, shortened: this.shortened }
  }
}

/** Identical items (same text, source and url) are one item (contract). */
export function itemKey(item: StreamItem): string {
  return JSON.stringify([item.text, item.source ?? '', item.url ?? ''])
}

import type { Group } from '../roles'
import type { BoardMap } from '../schema/board-map'
import { CONTENT_LIMITS } from '../schema/element-fields'

/** Why an import refused a file. The server answers 400 (413 for `too-large`) and creates nothing. */
export type ImportErrorReason =
  | 'too-large'
  | 'bad-encoding'
  | 'forbidden-dtd'
  | 'not-xml'
  | 'not-cxl'
  | 'not-json'
  | 'not-board'
  | 'unsupported-version'
  | 'too-many-elements'

export class ImportError extends Error {
  override readonly name = 'ImportError'
  constructor(readonly reason: ImportErrorReason, message: string) {
    super(message)
  }
}

export interface ImportLimits {
  /** Size of the file in UTF-8 bytes. */
  maxBytes: number
  maxConcepts: number
  /** Links after CXL fan-out is expanded, so a small file cannot multiply into millions. */
  maxLinks: number
  /** Longer labels, titles and focus questions are cut (and counted), not refused. */
  maxLabelLength: number
  /** XML elements of any kind, counted before parsing; real CXL runs about one per 70 bytes. */
  maxXmlElements: number
}

export const DEFAULT_LIMITS: Readonly<ImportLimits> = {
  maxBytes: 5 * 1024 * 1024,
  // The same bounds as through sync: an imported board can always be edited further.
  maxConcepts: CONTENT_LIMITS.maxConcepts,
  maxLinks: CONTENT_LIMITS.maxLinks,
  maxLabelLength: CONTENT_LIMITS.maxLabelLength,
  maxXmlElements: 200_000
}

/** What an import left out: the file still imports, and the caller can tell the user what was lost. */
export interface Dropped {
  /** Concepts without a usable id, or whose id was already taken. */
  concepts: number
  /** JSON links whose `from` or `to` names no concept, or that are not links at all. */
  links: number
  /** CXL connections that join nothing known, or two linking phrases. */
  connections: number
  /** CXL linking phrases lacking an incoming or an outgoing concept: they make no proposition. */
  linkingPhrases: number
  /** CXL elements this model has no place for (resources, images, unknown lists and tags). */
  elements: number
}

/** What an import changed to make the file fit the model. */
export interface Repaired {
  /** Ids that were missing, malformed or taken, replaced by fresh ones. */
  ids: number
  /** Labels (and title, focus question) cut to `maxLabelLength`. */
  labels: number
  /** Concepts without a usable position, laid out in a grid below the others. */
  positions: number
  /** Invalid optional fields (w, h, color, creatorGroup) left out; labels that were not strings, emptied. */
  fields: number
}

export interface ImportResult {
  map: BoardMap
  /** Creators' groups by element id (JSON only; concept and link ids never collide after import). */
  creators: Record<string, Group>
  dropped: Dropped
  repaired: Repaired
}

export function emptyReport(): { dropped: Dropped; repaired: Repaired } {
  return {
    dropped: { concepts: 0, links: 0, connections: 0, linkingPhrases: 0, elements: 0 },
    repaired: { ids: 0, labels: 0, positions: 0, fields: 0 }
  }
}

export function limitsWith(overrides: Partial<ImportLimits> = {}): ImportLimits {
  const limits = { ...DEFAULT_LIMITS }
  for (const key of Object.keys(limits) as (keyof ImportLimits)[]) {
    const v = overrides[key]
    if (typeof v === 'number' && v >= 0) limits[key] = v
  }
  return limits
}

function utf8Length(text: string): number {
  // Every UTF-16 unit is at least one UTF-8 byte and at most three, which settles most cases
  // without encoding a possibly huge string.
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff) { bytes += 4; i++ }
    else bytes += 3
  }
  return bytes
}

function tooLarge(maxBytes: number): ImportError {
  return new ImportError('too-large', `the file is larger than ${maxBytes} bytes`)
}

/** The declared encoding of an XML document, read from its ASCII prologue. */
function declaredEncoding(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, 200))
  const m = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)
  return m?.[1]?.toLowerCase() ?? null
}

/**
 * Checks the size before anything else is done with the input, then turns bytes into text.
 * Bytes are decoded strictly: a file that is not what it claims to be is refused, not guessed at.
 */
export function readInput(input: string | Uint8Array, maxBytes: number, kind: 'xml' | 'json'): string {
  let text: string
  if (typeof input === 'string') {
    if (input.length > maxBytes || (input.length * 3 > maxBytes && utf8Length(input) > maxBytes)) throw tooLarge(maxBytes)
    text = input
  } else {
    if (input.byteLength > maxBytes) throw tooLarge(maxBytes)
    let encoding = 'utf-8'
    if (input[0] === 0xff && input[1] === 0xfe) encoding = 'utf-16le'
    else if (input[0] === 0xfe && input[1] === 0xff) encoding = 'utf-16be'
    else if (kind === 'xml') encoding = declaredEncoding(input) ?? 'utf-8'
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(input)
    } catch {
      throw new ImportError('bad-encoding', `the file is not valid ${encoding}`)
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

const ELEMENT_ID = /^[A-Za-z0-9_-]{1,64}$/
// Valid by the pattern, but poison for any code that keys plain objects by id.
const RESERVED_IDS = new Set(['__proto__', 'constructor', 'prototype'])

export function isElementId(value: unknown): value is string {
  return typeof value === 'string' && ELEMENT_ID.test(value) && !RESERVED_IDS.has(value)
}

/** Hands out ids unique across one map: concepts and links share it so no export has to re-id. */
export class IdSpace {
  private readonly used = new Set<string>()
  private readonly counters = new Map<string, number>()

  has(id: string): boolean {
    return this.used.has(id)
  }

  /** Takes `id` if it is well-formed and free. */
  claim(id: unknown): id is string {
    if (!isElementId(id) || this.used.has(id)) return false
    this.used.add(id)
    return true
  }

  fresh(prefix: string): string {
    let n = this.counters.get(prefix) ?? 0
    let id: string
    do id = `${prefix}${++n}`
    while (this.used.has(id))
    this.counters.set(prefix, n)
    this.used.add(id)
    return id
  }
}

// C0 controls other than tab and line breaks have no business in a label and upset XML exports.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

/** A label as the model keeps it: a string, controls removed, cut to the limit without splitting a pair. */
export function cleanLabel(value: unknown, limits: ImportLimits, repaired: Repaired, trim = false): string {
  let s = typeof value === 'string' ? value.replace(CONTROL, '') : ''
  if (trim) s = s.trim()
  if (s.length > limits.maxLabelLength) {
    s = s.slice(0, limits.maxLabelLength)
    const last = s.charCodeAt(s.length - 1)
    if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1)
    repaired.labels++
  }
  return s
}

/** Positions beyond this are clamped: they would make pictures of absurd size. */
export const MAX_COORDINATE = 1_000_000

/** A coordinate the model can use, or null. */
export function coordinate(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof n !== 'number' || !Number.isFinite(n)) return null
  return Math.max(-MAX_COORDINATE, Math.min(MAX_COORDINATE, n))
}

/** A width or height the model can use, or null. */
export function dimension(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) && n > 0 && n <= 10_000 ? n : null
}

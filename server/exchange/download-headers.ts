import { EXPORT_MEDIA, type ExportFormat } from '../../shared/exchange/export-map'

const MAX_NAME = 80
/** Marks, embeddings, overrides and isolates of the Unicode bidirectional algorithm. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * An ASCII file name from a board title: accents folded, anything outside letters, digits, space,
 * dot, dash and underscore replaced, so the quoted `filename=` needs no escaping and no browser
 * or shell trips on it.
 */
export function asciiFileName(title: string, extension: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s*[^A-Za-z0-9\s._-]+\s*/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/_+/g, '_')
    .replace(/^[\s._-]+|[\s._-]+$/g, '')
    .slice(0, MAX_NAME)
    .trim()
  return `${base || 'concept-map'}.${extension}`
}

/** RFC 8187 `ext-value` characters: everything else is percent-encoded. */
function rfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** `attachment` with an ASCII name for old clients and the exact UTF-8 title for the rest. */
export function contentDisposition(title: string, extension: string): string {
  const ascii = asciiFileName(title, extension)
  // Controls and path separators have no place in a file name, whatever the encoding; nor have the
  // bidirectional overrides and isolates, which would show "map‮gpj.exe" as "mapexe.jpg".
  const exact = [...title.replace(/[\u0000-\u001f\u007f-\u009f/\\\s]+/g, ' ').replace(BIDI_CONTROLS, '').trim()].slice(0, MAX_NAME).join('').trim()
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc8187(`${exact || 'concept-map'}.${extension}`)}`
}

/**
 * Headers of an export download. `nosniff` keeps browsers to the declared type; the CSP makes a
 * file opened in a tab inert (an SVG could otherwise run script, and its origin is ours); no-store
 * because the URL may carry a token and the map changes.
 */
export function downloadHeaders(format: ExportFormat, title: string): Record<string, string> {
  const media = EXPORT_MEDIA[format]
  return {
    'content-type': media.type,
    'content-disposition': contentDisposition(title, media.extension),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer'
  }
}

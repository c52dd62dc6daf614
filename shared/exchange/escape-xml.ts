/**
 * Escaping for every XML the exchange writes (SVG, CXL, GraphML) and decoding for what it reads.
 * Labels come from anyone on a board, so nothing user-written reaches an XML string unescaped.
 */

// XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF even as character references,
// so they cannot be escaped, only replaced; a single one would make the whole file unreadable.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  // `>` is escaped too so that `]]>` can never appear in text content.
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // In attributes a raw tab or line break is normalised to a space by every parser, so line breaks
  // in labels survive only as character references; they are harmless in text content.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;'
}

/** Replaces characters XML cannot carry with U+FFFD. */
export function xmlSafe(value: string): string {
  return value.replace(NOT_XML_CHAR, '\uFFFD')
}

/** Escapes a string for use as XML text content or as a (double- or single-quoted) attribute value. */
export function escapeXml(value: string): string {
  return xmlSafe(value).replace(/[&<>"'\t\n\r]/g, (ch) => ESCAPES[ch] ?? ch)
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function fromCodePoint(code: number): string {
  const ok = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
  return ok ? String.fromCodePoint(code) : '\uFFFD'
}

/**
 * Decodes the five predefined entities and character references, in one pass so `&amp;lt;` stays
 * `&lt;`. The parser runs with entity processing off (no DTD, no expansion), so this is the only
 * decoding that happens; any other `&name;` is left as written.
 */
export function decodeXmlEntities(raw: string): string {
  if (!raw.includes('&')) return raw
  return raw.replace(/&(#x[0-9A-Fa-f]{1,8}|#[0-9]{1,10}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return fromCodePoint(Number.parseInt(ref.slice(2), 16))
    if (ref.startsWith('#')) return fromCodePoint(Number.parseInt(ref.slice(1), 10))
    return NAMED[ref] ?? whole
  })
}

/** The value of an attribute as XML defines it: raw whitespace becomes spaces, then references decode. */
export function decodeXmlAttribute(raw: string): string {
  return decodeXmlEntities(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw)
}

/** The value of text content as XML defines it: line ends normalise to `\n`, then references decode. */
export function decodeXmlText(raw: string): string {
  return decodeXmlEntities(raw.replace(/\r\n?/g, '\n'))
}

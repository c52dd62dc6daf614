/** A concept label is a short phrase: a stream item's text becomes one by these rules. */
export const SHORT_LABEL_LENGTH = 80

/**
 * The label a concept made from a stream item starts with: its first line, cut at the first
 * sentence end if that comes soon enough, else at the last word boundary before
 * SHORT_LABEL_LENGTH characters, with an ellipsis when something was left out. Never empty for a
 * non-empty text; never splits a surrogate pair.
 */
export function shortLabel(text: string, max = SHORT_LABEL_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const firstLine = text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).find((l) => l.length > 0) ?? ''
  const cutShort = firstLine.length < flat.length
  // A sentence end (., !, ?) followed by a space, late enough to say something.
  const sentence = /^(.{12,}?[.!?])(?:\s|$)/u.exec(firstLine)
  if (sentence && sentence[1]!.length <= max) {
    const s = sentence[1]!
    return s.length < firstLine.length || cutShort ? trimEnd(s) : s
  }
  if (firstLine.length <= max) return cutShort ? `${firstLine}…` : firstLine
  let end = firstLine.lastIndexOf(' ', max - 1)
  if (end < max / 2) end = max - 1
  if (/[\uD800-\uDBFF]/.test(firstLine[end - 1] ?? '')) end--
  return `${firstLine.slice(0, end).replace(/[\s,;:–—-]+$/u, '')}…`
}

/** A sentence kept whole ends as written; a trailing full stop is dropped (labels are phrases). */
function trimEnd(s: string): string {
  return s.endsWith('.') && !s.endsWith('..') ? s.slice(0, -1) : s
}

import { propositions, type BoardMap, type Concept, type Link } from '../schema/board-map'

/**
 * The propositions as plain text, one a line: "concept — linking phrase → concept", nothing else
 * (no title, no header). A link without a phrase is "concept → concept". Line breaks and other
 * vertical whitespace inside labels become spaces, so a label can never start a line of its own.
 * The text is verbatim otherwise; serve it as text/plain.
 */

// Controls too: some readers (Python's splitlines, for one) break lines at \x1c–\x1e and \x85.
const clean = (s: string) => s.replace(/[\s\u0000-\u001F\u007F\u0085\u2028\u2029]+/g, ' ').trim()

export function exportTxt(map: BoardMap): string {
  const names = new Map<string, string>()
  for (const c of map.concepts) if (!names.has(c.id)) names.set(c.id, clean(c.label))
  const lines = propositions(map).map((l) => {
    const phrase = clean(l.label)
    const from = names.get(l.from)!
    const to = names.get(l.to)!
    return phrase ? `${from} — ${phrase} → ${to}` : `${from} → ${to}`
  })
  // A final newline ends the last line, as text files do; an empty map is an empty file.
  return lines.length ? `${lines.join('\n')}\n` : ''
}

/**
 * What to tell someone who asks for the text of a map that has no propositions (null when it has
 * some). The file is one proposition a line and nothing else (contract), so an empty file cannot
 * say why it is empty: the board's Export menu says this instead of downloading it.
 */
export function emptyTxtNote<L extends Pick<Link, 'from' | 'to'>>(map: { concepts: ReadonlyArray<Pick<Concept, 'id'>>; links: readonly L[] }): string | null {
  if (propositions(map).length > 0) return null
  const n = map.concepts.length
  if (n === 0) return 'No propositions yet: this map is empty.'
  // Links whose concepts are gone are not drawn either: the map shows none.
  return `No propositions yet: this map has ${n} concept${n === 1 ? '' : 's'} and no links.`
}

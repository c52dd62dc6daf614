import { propositions, type BoardMap } from '../schema/board-map'

/**
 * A Mermaid flowchart for docs. Node ids are positional (`n0`, `n1`, …), never board ids, so no
 * id can collide with Mermaid keywords such as `end`. Labels are double-quoted strings in which only
 * letters, digits, spaces and harmless punctuation stay literal; everything else that could end the
 * string, open markup or form an entity becomes one of Mermaid's own `#code;` escapes.
 */

// Literal inside a quoted Mermaid label: ASCII letters, digits, space and . , : ! ? ( ) _ / + * = @ -
// Non-ASCII letters are literal too, since Mermaid's syntax is all ASCII.
const LITERAL = /[A-Za-z0-9 .,:!?()_/+*=@-]|[^\p{C}\p{Z}\u0000-\u007F]/u

function label(text: string): string {
  let out = ''
  for (const part of text.split(/\r\n|[\r\n\u2028\u2029]/)) {
    if (out) out += '<br>'
    for (const ch of part) out += LITERAL.test(ch) ? ch : `#${ch.codePointAt(0)};`
  }
  // An empty quoted label is not accepted everywhere; a space is.
  return `"${out || ' '}"`
}

/** A YAML double-quoted scalar is a superset of a JSON string; markup-ish characters go as \u escapes. */
function yamlString(text: string): string {
  return JSON.stringify(text.replace(/\s+/g, ' ').trim())
    .replace(/[<>&#\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

export function exportMermaid(map: BoardMap): string {
  const out: string[] = []
  if (map.title.trim()) out.push('---', `title: ${yamlString(map.title)}`, '---')
  out.push('flowchart TD')
  const ids = new Map<string, string>()
  for (const c of map.concepts) {
    if (ids.has(c.id)) continue
    const id = `n${ids.size}`
    ids.set(c.id, id)
    out.push(`    ${id}(${label(c.label)})`)
  }
  for (const l of propositions(map)) {
    const arrow = l.label ? `-->|${label(l.label)}|` : '-->'
    out.push(`    ${ids.get(l.from)} ${arrow} ${ids.get(l.to)}`)
  }
  return out.join('\n') + '\n'
}

/**
 * Two people editing one label at once. Labels are plain strings in the board document (the
 * contract's `label: string`, which stock clients read and write), so Yjs keeps whichever write
 * lands last. The board merges before it writes instead: each side's edit is the one stretch of the
 * label it replaced (labels are short, and typing changes one place), and edits of different
 * stretches both apply, as a text CRDT would. Edits of the same stretch conflict, and the person
 * decides (see cg-label-editor); nothing anyone typed is dropped silently.
 */

export type LabelMerge = { kind: 'merged'; text: string } | { kind: 'conflict'; theirs: string }

interface Splice {
  start: number
  /** End of the replaced stretch, in the base text. */
  end: number
  insert: string
}

/** The one stretch of `base` that `next` replaced (common prefix and suffix kept). */
function splice(base: string, next: string): Splice {
  const b = [...base]
  const n = [...next]
  let start = 0
  while (start < b.length && start < n.length && b[start] === n[start]) start++
  let tail = 0
  while (tail < b.length - start && tail < n.length - start && b[b.length - 1 - tail] === n[n.length - 1 - tail]) tail++
  return { start, end: b.length - tail, insert: n.slice(start, n.length - tail).join('') }
}

/**
 * Merges my edit of `base` with theirs (the label as stored now). Pure; indices count code points,
 * so emoji and accents are never cut in half.
 */
export function mergeLabel(base: string, mine: string, theirs: string): LabelMerge {
  if (theirs === base || theirs === mine) return { kind: 'merged', text: mine }
  if (mine === base) return { kind: 'merged', text: theirs }
  const a = splice(base, mine)
  const b = splice(base, theirs)
  // Stretches that touch or overlap (two insertions at one place included) are the same edit twice.
  if (a.start <= b.end && b.start <= a.end) return { kind: 'conflict', theirs }
  const [first, second] = a.start < b.start ? [a, b] : [b, a]
  const chars = [...base]
  const text = chars.slice(0, first.start).join('') + first.insert + chars.slice(first.end, second.start).join('') + second.insert + chars.slice(second.end).join('')
  return { kind: 'merged', text }
}

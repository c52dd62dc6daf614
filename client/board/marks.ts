/** Someone else's hand on an item: they have it selected, or are editing its label. */
export interface RemoteMark {
  name: string
  color: string
  editing: boolean
  /** Names a person (hidden while the live view is projected); a vote's dots name nobody. */
  person: boolean
}

type MarkingPeer = { user: { name: string; color: string }; selection: string[]; editing: string | null }

/** Marks per peers list: awareness gives a new list on each change, so a board re-rendering for anything else reuses them. */
const marksOf = new WeakMap<readonly MarkingPeer[], Map<string, RemoteMark[]>>()

/** What each item shows of the others: who has it selected, who is editing its label. */
export function remoteMarks(peers: readonly MarkingPeer[]): Map<string, RemoteMark[]> {
  const known = marksOf.get(peers)
  if (known) return known
  const marks = new Map<string, RemoteMark[]>()
  for (const p of peers) {
    const ids = new Set(p.selection)
    if (p.editing) ids.add(p.editing)
    for (const id of ids) {
      let list = marks.get(id)
      if (!list) marks.set(id, (list = []))
      list.push({ name: p.user.name, color: p.user.color, editing: p.editing === id, person: true })
    }
  }
  marksOf.set(peers, marks)
  return marks
}

const VOTE_COLOR = '#6d28d9'

/** The marks with this participant's own dots of an open vote added ("●● your dots"). */
export function withVoteDots(marks: ReadonlyMap<string, RemoteMark[]>, dots: Readonly<Record<string, number>>): Map<string, RemoteMark[]> {
  const out = new Map(marks)
  for (const [id, n] of Object.entries(dots)) {
    if (n <= 0) continue
    out.set(id, [{ name: `${'●'.repeat(n)} your dot${n === 1 ? '' : 's'}`, color: VOTE_COLOR, editing: false, person: false }, ...(marks.get(id) ?? [])])
  }
  return out
}

/** Someone else's hand on an item: they have it selected, or are editing its label. */
export interface RemoteMark {
  name: string
  color: string
  editing: boolean
}

/** What each item shows of the others: who has it selected, who is editing its label. */
export function remoteMarks(peers: readonly { user: { name: string; color: string }; selection: string[]; editing: string | null }[]) {
  const marks = new Map<string, RemoteMark[]>()
  for (const p of peers) {
    const ids = new Set(p.selection)
    if (p.editing) ids.add(p.editing)
    for (const id of ids) {
      let list = marks.get(id)
      if (!list) marks.set(id, (list = []))
      list.push({ name: p.user.name, color: p.user.color, editing: p.editing === id })
    }
  }
  return marks
}

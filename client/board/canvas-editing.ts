import { mergeLabel } from '../model/label-merge'
import type { Box } from '../model/geometry'
import { phraseBox, type CachedGeometry } from './canvas-derive'
import type { CanvasHost, EditTarget } from './canvas-types'

/**
 * Saves an inline edit. A draft becomes a concept (linked from where it was dragged out of, in the
 * same step); an existing label gets this edit merged with any saved since it began. `refocus` is
 * false when the edit ended because focus went elsewhere, which is then left alone. Returns the
 * label as saved by someone else when it clashes with this edit (nothing is written then), else null.
 */
export function commitEdit(host: CanvasHost, edit: EditTarget, value: string, refocus: boolean): string | null {
  const ops = host.ops
  if (!ops) return null
  if (edit.kind === 'draft') {
    if (!value.trim()) {
      if (refocus) host.focusItem(host.activeId)
      return null
    }
    const link = edit.linkFrom ? { from: edit.linkFrom, label: '' } : undefined
    const { id, linkId } = ops.createConcept(value, edit.x, edit.y, link)
    host.selection = new Set([id])
    host.announce(`Added concept ${value.trim()}`)
    if (refocus || linkId) host.focusItem(id)
    else host.activeId = id
    // Dragged out of another concept: ask for the linking phrase next, as CmapTools does.
    if (linkId) host.startEditing(linkId)
    return null
  }
  const saved = (edit.kind === 'concept' ? host.concepts.get(edit.id) : host.links.get(edit.id))?.label ?? edit.base
  const merged = mergeLabel(edit.base, value, saved)
  if (merged.kind === 'conflict') return merged.theirs
  // A hub's phrase is one phrase: renaming it renames every link that shares it, in one step.
  if (merged.text !== saved) ops.setLabels(edit.kind === 'link' ? host.hubMembers(edit.id) : [edit.id], merged.text)
  value = merged.text
  const l = edit.kind === 'link' ? host.links.get(edit.id) : null
  if (l && value.trim()) {
    const from = host.concepts.get(l.from)?.label ?? ''
    const to = host.concepts.get(l.to)?.label ?? ''
    host.announce(`Proposition: ${from} ${value.trim()} ${to}`)
  }
  if (refocus) host.focusItem(edit.id)
  return null
}

export function cancelEdit(host: CanvasHost, edit: EditTarget | null, refocus: boolean): void {
  if (refocus) host.focusItem(edit && edit.kind !== 'draft' ? edit.id : host.activeId)
}

/** Makes the proposition chosen in the connect dialog; returns whether a link was made. */
export function connect(host: CanvasHost, from: string, to: string, label: string): boolean {
  const id = host.ops?.createLink(from, to, label)
  if (!id) return false
  host.selection = new Set([id])
  const phrase = label.trim() || 'linked to'
  host.announce(`Proposition added: ${host.concepts.get(from)?.label ?? ''} ${phrase} ${host.concepts.get(to)?.label ?? ''}`)
  host.focusItem(id)
  return true
}

/** The inline editor was closed with a value (Enter, or focus leaving it). */
export function editorCommitted(host: CanvasHost, value: string, byKey: boolean): void {
  const edit = host.editing
  host.editing = null
  if (!edit) return
  const clash = commitEdit(host, edit, value, byKey)
  // Someone saved a different text for the same words: the editor stays, with both, to decide.
  if (clash !== null && edit.kind !== 'draft') host.editing = { ...edit, base: clash, draft: value, conflict: clash }
}

/** The inline editor was closed without saving (Escape, or focus leaving an empty draft). */
export function editorCancelled(host: CanvasHost, byKey: boolean): void {
  const edit = host.editing
  host.editing = null
  cancelEdit(host, edit, byKey)
}

/** Where the label being edited is on the map (a draft's spot, a concept's box, a phrase), or null. */
export function editedBox(e: EditTarget | null, boxes: ReadonlyMap<string, Box>, geometries: ReadonlyMap<string, CachedGeometry>): Box | null {
  if (!e) return null
  if (e.kind === 'draft') return { x: e.x, y: e.y, w: 160, h: 40 }
  return boxes.get(e.id) ?? phraseBox(geometries, e.id)
}

import type { StreamEntry } from '../../shared/stream/stream-doc'
import { shortLabel } from '../../shared/stream/short-label'
import { showFromStream } from './canvas-actions'
import type { CgCanvas } from './cg-canvas'
import { STREAM_DRAG_TYPE } from './stream-item'

/** Where a stream item is taken to: the board's canvas, while the participant may write. */
export interface StreamTakeContext {
  readOnly: boolean
  canvas: CgCanvas | null
  entry(id: string): StreamEntry | undefined
}

/**
 * Making a concept from a stream item: from the panel's button or key (in view) or by dragging
 * the item onto the stage (where it was dropped); and showing the concepts already made from one.
 * `taken` runs after each (a phone puts the panel away, so the map is seen), or before a Show,
 * resolving once the panel is gone.
 */
export class StreamTake {
  constructor(
    private readonly context: () => StreamTakeContext,
    private readonly taken: () => Promise<unknown>
  ) {}

  take(id: string, at?: { clientX: number; clientY: number }): void {
    const { readOnly, canvas, entry } = this.context()
    const item = entry(id)
    if (!item || readOnly) return
    canvas?.addFromStream(shortLabel(item.text), id, at)
    void this.taken()
  }

  /** The panel's Show: an item already on the map is found there rather than added twice. */
  async show(id: string): Promise<void> {
    const canvas = this.context().canvas
    if (!canvas || ![...canvas.concepts.values()].some((c) => c.origin === id)) return
    // The view is fitted to the screen the panel leaves: on a phone it covered all of it, and the
    // fit shrank the map trying to keep the concept clear of it.
    await this.taken()
    showFromStream(canvas, id)
  }

  readonly dragOver = (e: DragEvent): void => {
    if (this.context().readOnly || !e.dataTransfer?.types.includes(STREAM_DRAG_TYPE)) return
    e.preventDefault()
    e.dataTransfer.dropEffect = 'copy'
  }

  readonly drop = (e: DragEvent): void => {
    const id = e.dataTransfer?.getData(STREAM_DRAG_TYPE)
    if (!id) return
    e.preventDefault()
    this.take(id, { clientX: e.clientX, clientY: e.clientY })
  }
}

/** Stream items some concept on the map was made from. */
export function usedItems(concepts: ReadonlyMap<string, { origin?: string | undefined }>): Set<string> {
  const used = new Set<string>()
  for (const c of concepts.values()) if (c.origin) used.add(c.origin)
  return used
}

import type { ReactiveController, ReactiveControllerHost } from 'lit'
import * as Y from 'yjs'
import { boardTypes } from '../../shared/schema/board-doc'
import { CONTINUOUS } from '../model/board-ops'

/**
 * Undo and redo of this participant's own changes. The manager tracks only the session's local
 * origin, so remote edits (and what IndexedDB loads) are never undone from here.
 */
export class UndoController implements ReactiveController {
  canUndo = false
  canRedo = false
  private manager: Y.UndoManager | null = null
  private unbindDoc: (() => void) | null = null

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this)
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.bind(null, null)
  }

  bind(doc: Y.Doc | null, origin: object | null): void {
    this.unbindDoc?.()
    this.unbindDoc = null
    this.manager?.destroy()
    this.manager = null
    if (doc && origin) {
      const { concepts, links, meta } = boardTypes(doc)
      const manager = new Y.UndoManager([concepts, links, meta], {
        trackedOrigins: new Set([origin]),
        captureTimeout: 400
      })
      const refresh = () => {
        this.canUndo = manager.canUndo()
        this.canRedo = manager.canRedo()
        this.host.requestUpdate()
      }
      manager.on('stack-item-added', refresh)
      manager.on('stack-item-popped', refresh)
      manager.on('stack-cleared', refresh)
      // Each action is its own undo step, however quickly the next follows; only the frames of a
      // drag (marked continuous) run together. Registered after the manager's own handler, so the
      // step is closed once this transaction is in it.
      const afterTransaction = (tr: Y.Transaction) => {
        if (tr.origin === origin && !tr.meta.get(CONTINUOUS)) manager.stopCapturing()
      }
      doc.on('afterTransaction', afterTransaction)
      this.unbindDoc = () => doc.off('afterTransaction', afterTransaction)
      this.manager = manager
    }
    this.canUndo = false
    this.canRedo = false
    this.host.requestUpdate()
  }

  undo(): boolean {
    return this.manager?.undo() != null
  }

  redo(): boolean {
    return this.manager?.redo() != null
  }

  /** Ends the current undo step so the next change starts a new one (e.g. each drag is one step). */
  stopCapturing(): void {
    this.manager?.stopCapturing()
  }
}

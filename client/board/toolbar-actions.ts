import type { CgCanvas } from './cg-canvas'
import type { ToolbarAction } from './cg-toolbar'

/** What the board itself does for the toolbar (the rest is the canvas's). */
export interface BoardActions {
  undo(): void
  redo(): void
  help(): void
  /** Shows or hides the overview on a narrow board. */
  overview(): void
}

/** Carries out a toolbar action: map edits and the view on the canvas, history and help on the board. */
export function runToolbarAction(action: ToolbarAction, canvas: CgCanvas | null, board: BoardActions): void {
  switch (action) {
    case 'add-concept':
      return canvas?.addConcept()
    case 'connect':
      return canvas?.connectSelected()
    case 'delete':
      return canvas?.deleteSelection()
    case 'undo':
      return board.undo()
    case 'redo':
      return board.redo()
    case 'zoom-in':
      return canvas?.zoomBy(1.25)
    case 'zoom-out':
      return canvas?.zoomBy(0.8)
    case 'zoom-reset':
      return canvas?.zoomTo(1)
    case 'fit':
      return canvas?.fit()
    case 'layout':
      return void canvas?.autoLayout()
    case 'find':
      return void canvas?.openFind()
    case 'copy':
      return void canvas?.copySelection()
    case 'paste':
      return void canvas?.paste()
    case 'duplicate':
      return void canvas?.duplicateSelection()
    case 'help':
      return board.help()
    case 'overview':
      return board.overview()
  }
}

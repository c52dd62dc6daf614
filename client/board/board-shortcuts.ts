import type { ShortcutController } from '../controllers/shortcut-controller'
import type { CgCanvas } from './cg-canvas'

/** What the board's own shortcuts act on (the map's editing keys are the canvas's). */
export interface BoardShortcutTargets {
  undo(): void
  redo(): void
  help(): void
  /** Returns whether there was someone to stop following (else Escape is left to the page). */
  stopFollowing(): boolean
  canvas(): CgCanvas | null
}

/** The board-wide keys: history, help, Escape to stop following, and the map's clipboard and find. */
export function registerBoardShortcuts(shortcuts: ShortcutController, on: BoardShortcutTargets): void {
  shortcuts.register({ keys: ['mod+z'], run: () => on.undo() })
  shortcuts.register({ keys: ['mod+shift+z', 'mod+y'], run: () => on.redo() })
  shortcuts.register({ keys: ['?'], run: () => on.help() })
  shortcuts.register({ keys: ['Escape'], run: () => on.stopFollowing() })
  shortcuts.register({ keys: ['mod+c'], run: () => on.canvas()?.copySelection() ?? false })
  shortcuts.register({ keys: ['mod+v'], run: () => on.canvas()?.paste() ?? false })
  shortcuts.register({ keys: ['mod+d'], run: () => on.canvas()?.duplicateSelection() ?? false })
  shortcuts.register({ keys: ['mod+f'], run: () => on.canvas()?.openFind() ?? false })
}

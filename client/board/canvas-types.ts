import { EVERYWHERE } from './canvas-cull'
import type { Concept, Link } from '../../shared/schema/board-map'
import type { BoardOps } from '../model/board-ops'
import type { Box } from '../model/geometry'
import type { Viewport } from '../model/viewport'
import type { CgCanvas } from './cg-canvas'
import type { Area } from './fit-view'

/**
 * What is being edited inline: an existing label, or a concept not yet created (a draft). A label
 * keeps `base`, what it said when editing began, so a colleague's save meanwhile can be merged
 * (client/model/label-merge.ts); `draft` and `conflict` reopen an edit that clashed with theirs.
 */
export type LabelEdit = { id: string; base: string; draft?: string; conflict?: string }
export type EditTarget =
  | ({ kind: 'concept' } & LabelEdit)
  | ({ kind: 'link' } & LabelEdit)
  | { kind: 'draft'; x: number; y: number; linkFrom: string | null }

/** A link being dragged out of a concept's handle. */
export interface LinkDrag {
  from: string
  x: number
  y: number
  target: string | null
}

/** The canvas as its gesture and keyboard handlers see it. */
export interface CanvasHost {
  readonly concepts: ReadonlyMap<string, Concept>
  readonly links: ReadonlyMap<string, Link>
  readonly boxes: ReadonlyMap<string, Box>
  readonly ops: BoardOps | null
  readonly readOnly: boolean
  /** A dot vote's voting mode: a click on a concept places a dot, and neither selects nor drags it. */
  readonly voting: boolean
  selection: ReadonlySet<string>
  activeId: string | null
  editing: EditTarget | null
  linking: LinkDrag | null
  readonly viewport: Viewport
  readonly history: { stopCapturing(): void } | null
  setViewport(v: Viewport): void
  /** The event's position in the canvas; `fresh` measures the canvas again (a gesture starts). */
  screenPoint(e: { clientX: number; clientY: number }, fresh?: boolean): { x: number; y: number }
  viewportSize(): { w: number; h: number }
  /** The part of the view not under what floats over the map (a side panel, the toolbar): see fit-view's freeArea. */
  freeView(): Area
  /** Pans as little as needed to show a box whole in the free part of the view. */
  reveal(b: Box): void
  conceptAt(x: number, y: number): string | null
  linkAt(x: number, y: number): string | null
  /** The concept at a map point while the map is drawn far out on a canvas (its DOM then takes no hits), else null. */
  farConceptAt(x: number, y: number): string | null
  focusItem(id: string | null): void
  /** Focuses the map itself, not an item in it; `ring: false` when a pointer did it (no focus ring). */
  focusMap(options?: { ring?: boolean }): void
  startDraft(x: number, y: number, linkFrom?: string | null): void
  startEditing(id: string): void
  openConnect(from: string): void
  deleteSelection(): void
  zoomBy(factor: number): void
  zoomTo(zoom: number): void
  fit(): void
  setMarquee(rect: { x: number; y: number; w: number; h: number } | null): void
  setMoving(moving: boolean): void
  /** Free space for a new concept near (x, y), or for a group of them (their boxes around (0, 0)). */
  freeSpotNear(x: number, y: number, group?: readonly Box[]): { x: number; y: number }
  /** The links drawn as one phrase with this one (see shared/drawing/hubs), itself included. */
  hubMembers(id: string): string[]
  announce(text: string): void
  /** Says something on screen for a moment as well as to a screen reader (see cg-board's note). */
  tell(text: string): void
  emitCursor(point: { x: number; y: number } | null): void
}

/** The canvas's reactive properties (given by the board) and state (its own). */
export const canvasProperties = {
  concepts: { attribute: false },
  links: { attribute: false },
  marks: { attribute: false },
  readOnly: { type: Boolean },
  voting: { type: Boolean },
  ops: { attribute: false },
  history: { attribute: false },
  awareness: { attribute: false },
  mapLabel: { attribute: false },
  loaded: { type: Boolean },
  synced: { type: Boolean },
  overviewOpen: { type: Boolean },
  selection: { state: true },
  activeId: { state: true },
  editing: { state: true },
  linking: { state: true },
  connectFrom: { state: true },
  sizes: { state: true },
  area: { state: true }
}

/** The canvas's properties and state before the board sets any (Object.assign'd by its constructor). */
export function canvasDefaults() {
  return {
    concepts: new Map(),
    links: new Map(),
    marks: new Map(),
    readOnly: false,
    voting: false,
    ops: null,
    history: null,
    awareness: null,
    mapLabel: 'Concept map',
    loaded: false,
    synced: false,
    overviewOpen: false,
    selection: new Set(),
    activeId: null,
    editing: null,
    linking: null,
    connectFrom: null,
    sizes: new Map(),
    area: EVERYWHERE
  } satisfies Partial<CgCanvas>
}

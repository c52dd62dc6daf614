import { whenIdle } from './when-idle'

/**
 * The board's parts a first view does not need, loaded when they are used: the facilitator's
 * controls (a customer never needs them), the panels and dialogs shown only on request, and the
 * export menu (after the map is drawn). A phone's first render then parses, evaluates and styles
 * only what it shows (issue 22). The board renders their elements as before: an element whose
 * code has not come yet is an empty unknown element, and becomes the part when its module defines
 * it (Lit keeps the properties set on it before that).
 */
const PARTS = {
  'cg-facilitator-bar': () => import('./cg-facilitator-bar'),
  'cg-live-panel': () => import('./cg-live-panel'),
  'cg-stream-panel': () => import('./cg-stream-panel'),
  'cg-vote-panel': () => import('./cg-vote-panel'),
  'cg-help-dialog': () => import('./cg-help-dialog'),
  'cg-pulse-dialog': () => import('./cg-pulse-dialog'),
  'cg-connect-dialog': () => import('./cg-connect-dialog'),
  'cg-name-dialog': () => import('./cg-name-dialog'),
  'cg-export-menu': () => import('./cg-export-menu')
}

export type LazyPart = keyof typeof PARTS

/** Parts loaded as soon as they are on the page: they show something the moment they are there. */
const ON_SIGHT: readonly LazyPart[] = ['cg-live-panel', 'cg-stream-panel', 'cg-vote-panel']
/** Dialogs: loaded once opened (their element's `open`, set by the board before their code comes). */
const ON_OPEN: readonly LazyPart[] = ['cg-help-dialog', 'cg-pulse-dialog', 'cg-name-dialog']
/** Parts under the map (the facilitator's bar, the export menu): loaded when idle once the map shows. */
const AFTER_MAP: readonly LazyPart[] = ['cg-facilitator-bar', 'cg-export-menu']

const started = new Set<LazyPart>()

/** Loads a part's code (once; a failed load, e.g. offline, is tried again the next time). */
export function need(part: LazyPart): void {
  if (started.has(part)) return
  started.add(part)
  PARTS[part]().catch(() => started.delete(part))
}

/**
 * Loads the code of the parts now in `root` (called after each of the board's renders): the
 * panels at once, the dialogs once open, what sits under the map when the page is next idle after
 * the map has come.
 */
export function needPresent(root: ParentNode, mapShown: boolean): void {
  for (const part of ON_SIGHT) if (!started.has(part) && root.querySelector(part)) need(part)
  for (const part of ON_OPEN) if (!started.has(part) && (root.querySelector(part) as { open?: boolean } | null)?.open) need(part)
  if (!mapShown) return
  for (const part of AFTER_MAP) {
    if (started.has(part) || !root.querySelector(part)) continue
    started.add(part)
    const load = () => {
      started.delete(part)
      need(part)
    }
    whenIdle(load, 2000, 200)
  }
}

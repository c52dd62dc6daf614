import type { ReactiveController, ReactiveControllerHost } from 'lit'
import * as Y from 'yjs'
import { boardTypes, readConcept, readLink, readText } from '../../shared/schema/board-doc'
import type { Concept, Link } from '../../shared/schema/board-map'

/**
 * Mirrors the board document into immutable snapshots for rendering. Only the entries a
 * transaction touched get new objects, so elements bound to the others see no change and skip
 * their update: a remote drag of 20 concepts re-renders those 20 and their links, not the map.
 *
 * Remote transactions reach the snapshots once a frame: another participant dragging sends dozens
 * of messages a second, and taking each into the view on its own (a render, the fast move, the
 * elements' updates) used most of a phone's main thread between frames. This participant's own
 * changes (and anything still waiting with them) go in at once, so an edit shows on the next frame.
 */
export class YjsMapController implements ReactiveController {
  concepts: ReadonlyMap<string, Concept> = new Map()
  links: ReadonlyMap<string, Link> = new Map()
  title = ''
  focusQuestion = ''
  private unbind: (() => void) | null = null
  private readonly pending = new RemoteBatch(() => this.flush())
  private flushPending: () => void = () => {}

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this)
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.bind(null)
  }

  /** Takes remote changes still waiting for the next frame into the snapshots now. */
  flush(): void {
    this.flushPending()
  }

  bind(doc: Y.Doc | null): void {
    this.unbind?.()
    this.unbind = null
    this.pending.cancel()
    this.flushPending = () => {}
    this.concepts = new Map()
    this.links = new Map()
    this.title = ''
    this.focusQuestion = ''
    if (doc) {
      const { concepts, links, meta } = boardTypes(doc)
      const readMeta = () => {
        this.title = readText(meta.get('title'))
        this.focusQuestion = readText(meta.get('focusQuestion'))
      }
      const conceptKeys = new Set<string>()
      const linkKeys = new Set<string>()
      // Concepts and links go in together, so links always see the concepts they join.
      this.flushPending = () => {
        this.pending.cancel()
        if (conceptKeys.size === 0 && linkKeys.size === 0) return
        if (conceptKeys.size) this.concepts = patch(this.concepts, conceptKeys, concepts, readConcept)
        if (linkKeys.size) this.links = patch(this.links, linkKeys, links, readLink)
        conceptKeys.clear()
        linkKeys.clear()
        this.host.requestUpdate()
      }
      const take = (keys: Set<string>, changed: Set<string>, tr: Y.Transaction) => {
        for (const k of changed) keys.add(k)
        if (tr.local) this.flushPending()
        else this.pending.schedule()
      }
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type: only any fits all
      const onConcepts = (events: Y.YEvent<any>[], tr: Y.Transaction) => take(conceptKeys, changedKeys(events, concepts), tr)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type: only any fits all
      const onLinks = (events: Y.YEvent<any>[], tr: Y.Transaction) => take(linkKeys, changedKeys(events, links), tr)
      const onMeta = () => {
        readMeta()
        this.host.requestUpdate()
      }
      this.concepts = patch(new Map(), concepts.keys(), concepts, readConcept)
      this.links = patch(new Map(), links.keys(), links, readLink)
      readMeta()
      concepts.observeDeep(onConcepts)
      links.observeDeep(onLinks)
      meta.observe(onMeta)
      this.unbind = () => {
        concepts.unobserveDeep(onConcepts)
        links.unobserveDeep(onLinks)
        meta.unobserve(onMeta)
      }
    }
    this.host.requestUpdate()
  }
}

/**
 * Runs a flush on the next animation frame, or after FALLBACK_MS when frames do not come (a
 * hidden tab draws none, and its snapshots must still follow the document).
 */
class RemoteBatch {
  private frame = 0
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly run: () => void) {}

  schedule(): void {
    if (this.timer !== null) return
    this.timer = setTimeout(this.fire, FALLBACK_MS)
    if (typeof requestAnimationFrame === 'function') this.frame = requestAnimationFrame(this.fire)
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    if (this.frame) cancelAnimationFrame(this.frame)
    this.timer = null
    this.frame = 0
  }

  private readonly fire = (): void => {
    this.cancel()
    this.run()
  }
}

const FALLBACK_MS = 100

/** Ids of the entries a batch of deep events touched: added, removed, or changed inside. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type: only any fits all
function changedKeys(events: Y.YEvent<any>[], root: Y.Map<any>): Set<string> {
  const keys = new Set<string>()
  for (const e of events) {
    if (e.target === root) for (const k of (e as Y.YMapEvent<unknown>).keysChanged) keys.add(k)
    else if (typeof e.path[0] === 'string') keys.add(e.path[0])
  }
  return keys
}

function patch<T>(
  prev: ReadonlyMap<string, T>,
  keys: Iterable<string>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type: only any fits all
  root: Y.Map<any>,
  read: (id: string, value: unknown) => T | null
): Map<string, T> {
  const next = new Map(prev)
  for (const id of keys) {
    // An entry that holds no element (a stock client may write anything) is not drawn.
    const value = read(id, root.get(id))
    if (value) next.set(id, value)
    else next.delete(id)
  }
  return next
}

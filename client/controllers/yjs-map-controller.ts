import type { ReactiveController, ReactiveControllerHost } from 'lit'
import * as Y from 'yjs'
import { boardTypes, readConcept, readLink, readText } from '../../shared/schema/board-doc'
import type { Concept, Link } from '../../shared/schema/board-map'

/**
 * Mirrors the board document into immutable snapshots for rendering. Only the entries a
 * transaction touched get new objects, so elements bound to the others see no change and skip
 * their update: a remote drag of 20 concepts re-renders those 20 and their links, not the map.
 */
export class YjsMapController implements ReactiveController {
  concepts: ReadonlyMap<string, Concept> = new Map()
  links: ReadonlyMap<string, Link> = new Map()
  title = ''
  focusQuestion = ''
  private unbind: (() => void) | null = null

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this)
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.bind(null)
  }

  bind(doc: Y.Doc | null): void {
    this.unbind?.()
    this.unbind = null
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
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type: only any fits all
      const onConcepts = (events: Y.YEvent<any>[]) => {
        this.concepts = patch(this.concepts, changedKeys(events, concepts), concepts, readConcept)
        this.host.requestUpdate()
      }
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type: only any fits all
      const onLinks = (events: Y.YEvent<any>[]) => {
        this.links = patch(this.links, changedKeys(events, links), links, readLink)
        this.host.requestUpdate()
      }
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

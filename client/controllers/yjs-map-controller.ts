import type { ReactiveController, ReactiveControllerHost } from 'lit'
import * as Y from 'yjs'
import { boardTypes } from '../../shared/schema/board-doc'
import type { Concept, Link } from '../../shared/schema/board-map'

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
const str = (v: unknown): string => (typeof v === 'string' ? v : '')

function readConcept(id: string, m: Y.Map<unknown>): Concept {
  const c: Concept = { id, label: str(m.get('label')), x: num(m.get('x')), y: num(m.get('y')) }
  const w = m.get('w')
  const h = m.get('h')
  const color = m.get('color')
  if (typeof w === 'number' && Number.isFinite(w) && w > 0) c.w = w
  if (typeof h === 'number' && Number.isFinite(h) && h > 0) c.h = h
  if (typeof color === 'string') c.color = color
  const textColor: unknown = m.get('textColor')
  const shape: unknown = m.get('shape')
  if (typeof textColor === 'string') c.textColor = textColor
  if (typeof shape === 'string') c.shape = shape
  const origin: unknown = m.get('origin')
  if (typeof origin === 'string' && origin.length > 0) c.origin = origin
  return c
}

function readLink(id: string, m: Y.Map<unknown>): Link {
  return { id, from: str(m.get('from')), to: str(m.get('to')), label: str(m.get('label')) }
}

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
        this.title = str(meta.get('title'))
        this.focusQuestion = str(meta.get('focusQuestion'))
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
  read: (id: string, m: Y.Map<unknown>) => T
): Map<string, T> {
  const next = new Map(prev)
  for (const id of keys) {
    const m = root.get(id)
    if (m instanceof Y.Map) next.set(id, read(id, m))
    else next.delete(id)
  }
  return next
}

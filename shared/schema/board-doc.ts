import * as Y from 'yjs'
import type { BoardMap, Concept, Link } from './board-map'

/** The shared types of the contract's board document. */
export function boardTypes(doc: Y.Doc) {
  return {
    concepts: doc.getMap<Y.Map<unknown>>('concepts'),
    links: doc.getMap<Y.Map<unknown>>('links'),
    meta: doc.getMap<unknown>('meta')
  }
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
const str = (v: unknown): string => (typeof v === 'string' ? v : '')

/**
 * Reads the document into plain data, tolerating whatever a client wrote: the document is shared
 * with stock clients, so a concept may be missing fields or hold values of the wrong type.
 */
export function readBoardMap(doc: Y.Doc): BoardMap {
  const { concepts, links, meta } = boardTypes(doc)
  const conceptList: Concept[] = []
  concepts.forEach((value, id) => {
    if (!(value instanceof Y.Map)) return
    const concept: Concept = { id, label: str(value.get('label')), x: num(value.get('x')), y: num(value.get('y')) }
    const w = value.get('w')
    const h = value.get('h')
    const color = value.get('color')
    if (typeof w === 'number' && Number.isFinite(w)) concept.w = w
    if (typeof h === 'number' && Number.isFinite(h)) concept.h = h
    if (typeof color === 'string') concept.color = color
  const textColor: unknown = value.get('textColor')
  const shape: unknown = value.get('shape')
  if (typeof textColor === 'string') concept.textColor = textColor
  if (typeof shape === 'string') concept.shape = shape
    conceptList.push(concept)
  })
  const linkList: Link[] = []
  links.forEach((value, id) => {
    if (!(value instanceof Y.Map)) return
    linkList.push({ id, from: str(value.get('from')), to: str(value.get('to')), label: str(value.get('label')) })
  })
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  return {
    title: str(meta.get('title')),
    focusQuestion: str(meta.get('focusQuestion')),
    concepts: conceptList.sort(byId),
    links: linkList.sort(byId)
  }
}

/** Writes a whole map into an (empty) document in one transaction. */
export function writeBoardMap(doc: Y.Doc, map: BoardMap, origin: unknown = null): void {
  const { concepts, links, meta } = boardTypes(doc)
  doc.transact(() => {
    meta.set('title', map.title)
    meta.set('focusQuestion', map.focusQuestion)
    for (const c of map.concepts) {
      const y = new Y.Map<unknown>()
      y.set('label', c.label)
      y.set('x', c.x)
      y.set('y', c.y)
      if (c.w !== undefined) y.set('w', c.w)
      if (c.h !== undefined) y.set('h', c.h)
      if (c.color !== undefined) y.set('color', c.color)
      if (c.textColor !== undefined) y.set('textColor', c.textColor)
      if (c.shape !== undefined) y.set('shape', c.shape)
      concepts.set(c.id, y)
    }
    for (const l of map.links) {
      const y = new Y.Map<unknown>()
      y.set('from', l.from)
      y.set('to', l.to)
      y.set('label', l.label)
      links.set(l.id, y)
    }
  }, origin)
}

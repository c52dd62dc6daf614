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
/** A text field as the map reads it: anything but a string is empty. */
export const readText = (v: unknown): string => (typeof v === 'string' ? v : '')
const str = readText
/** A size only when it is one: a zero, negative or non-finite w/h is dropped (renderers measure instead). */
const size = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined)

/**
 * One concept as plain data, tolerating whatever a client wrote: the document is shared with stock
 * clients, so a concept may be missing fields or hold values of the wrong type. The one reader of a
 * concept: the server's map, the accepted-change feed and the client's render model all use it.
 * Null when the key holds no element.
 */
export function readConcept(id: string, value: unknown): Concept | null {
  if (!(value instanceof Y.Map)) return null
  const concept: Concept = { id, label: str(value.get('label')), x: num(value.get('x')), y: num(value.get('y')) }
  const w = size(value.get('w'))
  const h = size(value.get('h'))
  const color: unknown = value.get('color')
  const textColor: unknown = value.get('textColor')
  const shape: unknown = value.get('shape')
  const origin: unknown = value.get('origin')
  if (w !== undefined) concept.w = w
  if (h !== undefined) concept.h = h
  if (typeof color === 'string') concept.color = color
  if (typeof textColor === 'string') concept.textColor = textColor
  if (typeof shape === 'string') concept.shape = shape
  if (typeof origin === 'string' && origin.length > 0) concept.origin = origin
  return concept
}

/** One link as plain data (null when the key holds no element). */
export function readLink(id: string, value: unknown): Link | null {
  if (!(value instanceof Y.Map)) return null
  return { id, from: str(value.get('from')), to: str(value.get('to')), label: str(value.get('label')) }
}

/** Reads the document into plain data, elements sorted by id (see readConcept on tolerance). */
export function readBoardMap(doc: Y.Doc): BoardMap {
  const { concepts, links, meta } = boardTypes(doc)
  const conceptList: Concept[] = []
  concepts.forEach((value, id) => {
    const concept = readConcept(id, value)
    if (concept) conceptList.push(concept)
  })
  const linkList: Link[] = []
  links.forEach((value, id) => {
    const link = readLink(id, value)
    if (link) linkList.push(link)
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
      if (c.origin !== undefined) y.set('origin', c.origin)
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

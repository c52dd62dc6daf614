import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardTypes, readBoardMap, readConcept, readLink, writeBoardMap } from '../../../shared/schema/board-doc'

describe('readConcept: the one reader of a concept', () => {
  it('reads every field of the contract, origin included, and writeBoardMap round-trips them', () => {
    const doc = new Y.Doc()
    const map = {
      title: 'T',
      focusQuestion: 'Q?',
      concepts: [{ id: 'a', label: 'Tea', x: 1, y: 2, w: 90, h: 40, color: '#ffeeaa', textColor: '#111111', shape: 'ellipse', origin: 'item-1' }],
      links: [{ id: 'l', from: 'a', to: 'a', label: 'is' }]
    }
    writeBoardMap(doc, map)
    expect(readBoardMap(doc)).toEqual(map)
  })

  it('tolerates what a stock client may write: wrong types become defaults, non-sizes are dropped', () => {
    const doc = new Y.Doc()
    const { concepts, links } = boardTypes(doc)
    const c = new Y.Map<unknown>()
    c.set('label', 42)
    c.set('x', 'left')
    c.set('w', 0)
    c.set('h', -3)
    c.set('origin', '')
    concepts.set('c', c)
    concepts.set('junk', new Y.Text('not a concept') as unknown as Y.Map<unknown>)
    expect(readConcept('c', concepts.get('c'))).toEqual({ id: 'c', label: '', x: 0, y: 0 })
    expect(readConcept('junk', concepts.get('junk'))).toBeNull()
    expect(readLink('none', links.get('none'))).toBeNull()
    expect(readBoardMap(doc).concepts.map((k) => k.id)).toEqual(['c'])
  })
})

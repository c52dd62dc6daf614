import { describe, expect, it } from 'vitest'
import { emptyReport } from '../../../shared/exchange/import-common'
import { keepOriginsWithItems } from '../../../shared/exchange/stream-origins'
import type { BoardMap } from '../../../shared/schema/board-map'

const MAP: BoardMap = {
  title: 'Coffee',
  focusQuestion: 'Why come back?',
  concepts: [
    { id: 'c1', label: 'Fair prices', x: 0, y: 0 },
    { id: 'c2', label: 'Friendly staff', x: 100, y: 0, origin: 'item-on-board', color: '#ffcc00' },
    { id: 'c3', label: 'Cosy', x: 200, y: 0, origin: 'item-elsewhere' }
  ],
  links: [{ id: 'l1', from: 'c2', to: 'c3', label: 'make it' }]
}

describe('keepOriginsWithItems', () => {
  it('keeps an origin whose item is on the board, drops and counts one whose item is not, and keeps the concept', () => {
    const { repaired } = emptyReport()
    const out = keepOriginsWithItems(MAP, new Set(['item-on-board']), repaired)
    expect(out.concepts).toEqual([
      { id: 'c1', label: 'Fair prices', x: 0, y: 0 },
      { id: 'c2', label: 'Friendly staff', x: 100, y: 0, origin: 'item-on-board', color: '#ffcc00' },
      { id: 'c3', label: 'Cosy', x: 200, y: 0 }
    ])
    expect('origin' in out.concepts[2]!).toBe(false)
    expect(out.links).toEqual(MAP.links)
    expect(repaired).toEqual({ ids: 0, labels: 0, positions: 0, fields: 1 })
    // The map read from the file is not changed under its reader.
    expect(MAP.concepts[2]!.origin).toBe('item-elsewhere')
  })

  it('drops every origin on a board with no stream (an imported board), and leaves a map without any alone', () => {
    const { repaired } = emptyReport()
    expect(keepOriginsWithItems(MAP, new Set(), repaired).concepts.filter((c) => 'origin' in c)).toEqual([])
    expect(repaired.fields).toBe(2)
    const plain = { ...MAP, concepts: [MAP.concepts[0]!] }
    expect(keepOriginsWithItems(plain, new Set(), repaired)).toBe(plain)
    expect(repaired.fields).toBe(2)
  })
})

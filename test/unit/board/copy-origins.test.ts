import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { clipboardText, pastedMap } from '../../../client/board/map-clipboard'
import { BoardOps } from '../../../client/model/board-ops'
import { readBoardMap } from '../../../shared/schema/board-doc'
import type { BoardMap } from '../../../shared/schema/board-map'
import { streamMap } from '../../../shared/stream/stream-doc'

/** A board whose stream holds these items (the server writes them; here straight into the document). */
function boardWithStream(...itemIds: string[]): Y.Doc {
  const doc = new Y.Doc()
  for (const id of itemIds) streamMap(doc).set(id, new Y.Map<unknown>([['text', `item ${id}`]]))
  return doc
}

const COPIED: BoardMap = {
  title: '',
  focusQuestion: '',
  concepts: [
    { id: 'c1', label: 'From s1', x: 0, y: 0, origin: 's1' },
    { id: 'c2', label: 'From s2', x: 100, y: 0, origin: 's2' },
    { id: 'c3', label: 'Made here', x: 200, y: 0 }
  ],
  links: [{ id: 'l1', from: 'c1', to: 'c2', label: 'leads to' }]
}

/** Pastes `map` through the clipboard text (as Ctrl+V reads it) onto `doc`; the pasted concepts by label. */
function paste(doc: Y.Doc, map: BoardMap): Map<string, { origin?: string }> {
  new BoardOps(doc, {}).addCopy(pastedMap(clipboardText(map))!, 10, 10)
  return new Map(readBoardMap(doc).concepts.map((c) => [c.label, c]))
}

describe('a pasted copy and the customer voice', () => {
  it('keeps an origin whose item is in the target board’s stream, and drops one whose item is not', () => {
    const pasted = paste(boardWithStream('s1'), COPIED)
    expect(pasted.get('From s1')!.origin).toBe('s1')
    expect('origin' in pasted.get('From s2')!).toBe(false)
    expect('origin' in pasted.get('Made here')!).toBe(false)
  })

  it('onto a board with no such items (another board), keeps no origin and still copies concepts and links', () => {
    const doc = boardWithStream('other')
    const pasted = paste(doc, COPIED)
    expect([...pasted.values()].filter((c) => 'origin' in c)).toEqual([])
    expect(pasted.size).toBe(3)
    expect(readBoardMap(doc).links.map((l) => l.label)).toEqual(['leads to'])
  })
})

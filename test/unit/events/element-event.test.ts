import { describe, expect, it } from 'vitest'
import { attributeEvents, compareBoardEvents, isContentKind } from '../../../shared/events/element-event'
import type { BoardEvent } from '../../../shared/events/element-event'

describe('element events', () => {
  it('attributes one update: every event shares seq, at and author', () => {
    const out = attributeEvents(
      [
        { kind: 'create', elementType: 'concept', elementId: 'A' },
        { kind: 'create', elementType: 'link', elementId: 'L', from: 'A', to: 'A' }
      ],
      { seq: 7, at: 1234, participantId: 'p1', role: 'brand' }
    )
    expect(out).toEqual([
      { kind: 'create', elementType: 'concept', elementId: 'A', seq: 7, at: 1234, participantId: 'p1', role: 'brand' },
      { kind: 'create', elementType: 'link', elementId: 'L', from: 'A', to: 'A', seq: 7, at: 1234, participantId: 'p1', role: 'brand' }
    ])
  })

  it('journal order: seq, then code-unit id order, then concept before link', () => {
    const e = (seq: number, elementId: string, elementType: 'concept' | 'link' = 'concept'): BoardEvent => ({
      seq, at: 0, participantId: 'p', role: 'brand', kind: 'move', elementType, elementId
    })
    const sorted = [e(2, 'a'), e(1, 'b'), e(1, 'B'), e(1, 'Z', 'link'), e(1, 'Z'), e(1, 'é')].sort(compareBoardEvents)
    expect(sorted.map((x) => `${x.seq}${x.elementId}${x.elementType[0]}`)).toEqual(['1Bc', '1Zc', '1Zl', '1bc', '1éc', '2ac'])
  })

  it('content kinds', () => {
    expect(['create', 'relabel', 'reconnect', 'delete', 'move', 'restyle'].map((k) => isContentKind(k as never))).toEqual([
      true, true, true, true, false, false
    ])
  })
})

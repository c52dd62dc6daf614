import { describe, expect, it } from 'vitest'
import { mergeLabel } from '../../client/model/label-merge'

describe('mergeLabel (two people editing one label)', () => {
  it('keeps the only edit made', () => {
    expect(mergeLabel('Price', 'Fair price', 'Price')).toEqual({ kind: 'merged', text: 'Fair price' })
    expect(mergeLabel('Price', 'Price', 'Low price')).toEqual({ kind: 'merged', text: 'Low price' })
    expect(mergeLabel('Price', 'Low price', 'Low price')).toEqual({ kind: 'merged', text: 'Low price' })
  })

  it('applies both edits when they change different parts', () => {
    // One adds a word in front, the other one at the end.
    expect(mergeLabel('price', 'fair price', 'price level')).toEqual({ kind: 'merged', text: 'fair price level' })
    expect(mergeLabel('price level', 'fair price level', 'price lvl')).toEqual({ kind: 'merged', text: 'fair price lvl' })
    // Whole code points: an emoji before, an accent after.
    expect(mergeLabel('cafe', '☕ cafe', 'café')).toEqual({ kind: 'merged', text: '☕ café' })
  })

  it('is a conflict when both change the same part, or insert at the same place', () => {
    expect(mergeLabel('Price', 'Cost', 'Value')).toEqual({ kind: 'conflict', theirs: 'Value' })
    expect(mergeLabel('good price', 'good fair price', 'good low price')).toEqual({ kind: 'conflict', theirs: 'good low price' })
    expect(mergeLabel('', 'Trust', 'Loyalty')).toEqual({ kind: 'conflict', theirs: 'Loyalty' })
  })
})

import { describe, expect, it } from 'vitest'
import { shortLabel } from '../../../shared/stream/short-label'

describe('shortLabel', () => {
  it('keeps a short text as it is', () => {
    expect(shortLabel('Too many emails')).toBe('Too many emails')
    expect(shortLabel('  Why no   dark mode?  ')).toBe('Why no dark mode?')
  })
  it('takes the first sentence when it says enough', () => {
    expect(shortLabel('Delivery was late, again. I had to call twice and nobody knew where the parcel was.')).toBe('Delivery was late, again')
    expect(shortLabel('Why is the refund so slow? Three weeks now.')).toBe('Why is the refund so slow?')
    // Too short to stand alone ("Ok."): the sentence rule does not apply.
    expect(shortLabel('Ok. The app works')).toBe('Ok. The app works')
  })
  it('takes the first line of several, marking that more was said', () => {
    expect(shortLabel('Crashes on login\nSince the update it crashes every time')).toBe('Crashes on login…')
  })
  it('cuts a long sentence at a word boundary with an ellipsis', () => {
    const text = 'I have been a loyal customer for over ten years and the new pricing model makes me seriously consider switching to a competitor'
    const label = shortLabel(text)
    expect(label).toBe('I have been a loyal customer for over ten years and the new pricing model makes…')
    expect(label.length).toBeLessThanOrEqual(81)
  })
  it('cuts a text without spaces at the limit, never splitting a character', () => {
    expect(shortLabel('x'.repeat(200))).toBe(`${'x'.repeat(79)}…`)
    const emoji = shortLabel('😀'.repeat(100))
    expect(emoji.endsWith('…')).toBe(true)
    expect(/[\uD800-\uDBFF]…$/.test(emoji)).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { placePopup } from '../../client/board/popup-placement'

const view = { w: 1280, h: 800 }
const rect = (left: number, top: number, w: number, h: number) => ({ left, top, right: left + w, bottom: top + h })

describe('placePopup', () => {
  it('opens below the button when the menu fits there', () => {
    expect(placePopup(rect(100, 100, 80, 30), { w: 200, h: 300 }, view)).toEqual({ left: 100, top: 134, maxHeight: 658 })
  })

  it('opens above a button at the bottom edge (the board footer)', () => {
    // 300 px of menu, 8 px below the button: above it, ending 4 px over the button's top.
    expect(placePopup(rect(1180, 760, 90, 32), { w: 208, h: 300 }, view)).toEqual({ left: 1064, top: 456, maxHeight: 748 })
  })

  it('scrolls on the roomier side when it fits nowhere, and never starts off screen', () => {
    const at = placePopup(rect(-20, 300, 80, 30), { w: 2000, h: 900 }, view)
    expect(at).toEqual({ left: 8, top: 334, maxHeight: 458 })
  })
})

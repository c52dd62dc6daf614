import { toWorld, zoomAt } from '../model/viewport'
import type { CanvasHost } from './canvas-types'
import { LongPress } from './long-press'

type Gesture =
  /** `travelled`: the farthest the pointer got from where it went down (a press that stays put is a tap). */
  | { kind: 'pan'; startX: number; startY: number; vx: number; vy: number; button: number; touch: boolean; travelled: number }
  | { kind: 'pinch' }
  | { kind: 'marquee'; startX: number; startY: number; base: ReadonlySet<string> }
  | { kind: 'drag'; startX: number; startY: number; origins: Map<string, { x: number; y: number }>; moved: boolean; clicked: string; additive: boolean }
  | { kind: 'link'; from: string }

const DRAG_THRESHOLD = 4
/** How long the wheel's shield outlasts the last wheel event (a mouse wheel's notches come 10–50 ms apart). */
const SHIELD_MS = 150

/**
 * Pointer and wheel input on the map: pan (drag the background, or a second finger), pinch and
 * wheel zoom, marquee selection (Shift-drag the background), dragging the selection, and dragging
 * a new link out of a concept's handle.
 */
export class CanvasGestures {
  private gesture: Gesture | null = null
  private readonly pointers = new Map<number, { x: number; y: number }>()
  private pinchStart: { dist: number; zoom: number; mid: { x: number; y: number }; vx: number; vy: number } | null = null
  private frame = 0
  private pendingMove: Map<string, { x: number; y: number }> | null = null
  /** Where the last press landed: with pointer capture, click and dblclick target the capturer. */
  private downTarget: Element | null = null
  private shieldTimer: ReturnType<typeof setTimeout> | null = null
  private readonly longPress = new LongPress()

  constructor(private readonly host: CanvasHost) {}

  onPointerDown = (e: PointerEvent): void => {
    const host = this.host
    const p = host.screenPoint(e, true)
    this.pointers.set(e.pointerId, p)
    const el = e.currentTarget as HTMLElement
    this.longPress.cancel()
    if (this.pointers.size === 2) {
      // A second finger turns whatever the first one started into a pinch.
      this.endGesture(false)
      const [a, b] = [...this.pointers.values()] as [{ x: number; y: number }, { x: number; y: number }]
      const v = host.viewport
      this.pinchStart = { dist: Math.hypot(a.x - b.x, a.y - b.y) || 1, zoom: v.zoom, mid: mid(a, b), vx: v.x, vy: v.y }
      this.gesture = { kind: 'pinch' }
      el.setPointerCapture(e.pointerId)
      return
    }
    if (this.pointers.size > 2 || (e.button !== 0 && e.button !== 1)) return
    const target = this.pressed(e, el)
    this.downTarget = target
    if (target.closest?.('cg-label-editor')) return
    const conceptId = target.closest?.('.box')?.getAttribute('data-item') ?? this.farConcept(p)
    const linkId = conceptId ? null : this.linkUnder(target, p)
    const additive = e.shiftKey || e.ctrlKey || e.metaKey
    el.setPointerCapture(e.pointerId)
    const touch = e.pointerType === 'touch'
    const before = host.selection
    // In a dot vote's voting mode a click or tap on a concept places a dot (MapVoteClicks, on the
    // board): it selects nothing (a phone's bin would be live) and drags nothing; moved, it pans. Nor
    // does it focus the concept (Delete takes the focused one when nothing is selected): the map has the keys.
    const voteOn = host.voting && conceptId !== null
    if (voteOn) {
      e.preventDefault()
      host.activeId = null
      host.focusMap({ ring: false })
    }

    if (e.button === 1 || voteOn || (!conceptId && !linkId && !e.shiftKey)) {
      const v = host.viewport
      this.gesture = { kind: 'pan', startX: p.x, startY: p.y, vx: v.x, vy: v.y, button: e.button, touch, travelled: 0 }
      host.setMoving(true)
      el.classList.add('panning')
      if (touch && !voteOn) this.longPress.arm(p, () => this.marqueeFromPan(el))
      return
    }
    if (!conceptId && !linkId) {
      this.gesture = { kind: 'marquee', startX: p.x, startY: p.y, base: new Set(host.selection) }
      return
    }
    e.preventDefault()
    if (conceptId && target.classList.contains('handle') && !host.readOnly) {
      const w = toWorld(host.viewport, p.x, p.y)
      this.gesture = { kind: 'link', from: conceptId }
      host.linking = { from: conceptId, x: w.x, y: w.y, target: null }
      return
    }
    const id = (conceptId ?? linkId)!
    if (touch) this.longPress.arm(p, () => this.toggleFromPress(id, before))
    if (additive) {
      const next = new Set(host.selection)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      host.selection = next
    } else if (!host.selection.has(id)) {
      host.selection = new Set([id])
    }
    host.focusItem(id)
    if (conceptId && !host.readOnly && host.selection.has(conceptId)) {
      const origins = new Map<string, { x: number; y: number }>()
      for (const sel of host.selection) {
        const c = host.concepts.get(sel)
        if (c) origins.set(sel, { x: c.x, y: c.y })
      }
      this.gesture = { kind: 'drag', startX: p.x, startY: p.y, origins, moved: false, clicked: id, additive }
    } else {
      this.gesture = null
    }
  }

  onPointerMove = (e: PointerEvent): void => {
    const host = this.host
    if (this.shieldTimer && (e.movementX || e.movementY)) this.dropShield(e.currentTarget as HTMLElement)
    // Hovering (no gesture), the page may have scrolled since: measure again.
    const p = host.screenPoint(e, this.pointers.size === 0)
    if (e.pointerType !== 'touch') host.emitCursor(toWorld(host.viewport, p.x, p.y))
    if (!this.pointers.has(e.pointerId)) return
    this.pointers.set(e.pointerId, p)
    this.longPress.moved(p)
    const g = this.gesture
    if (!g) return
    switch (g.kind) {
      case 'pan':
        g.travelled = Math.max(g.travelled, Math.hypot(p.x - g.startX, p.y - g.startY))
        host.setViewport({ ...host.viewport, x: g.vx + p.x - g.startX, y: g.vy + p.y - g.startY })
        break
      case 'pinch': {
        const s = this.pinchStart
        const [a, b] = [...this.pointers.values()]
        if (!s || !a || !b) break
        const m = mid(a, b)
        const base = { x: s.vx + m.x - s.mid.x, y: s.vy + m.y - s.mid.y, zoom: s.zoom }
        host.setMoving(true)
        host.setViewport(zoomAt(base, Math.hypot(a.x - b.x, a.y - b.y) / s.dist, m.x, m.y))
        break
      }
      case 'marquee': {
        const x = Math.min(g.startX, p.x)
        const y = Math.min(g.startY, p.y)
        const w = Math.abs(p.x - g.startX)
        const h = Math.abs(p.y - g.startY)
        host.setMarquee({ x, y, w, h })
        const a = toWorld(host.viewport, x, y)
        const b = toWorld(host.viewport, x + w, y + h)
        const next = new Set(g.base)
        for (const [id, box] of host.boxes) {
          if (box.x >= a.x && box.x <= b.x && box.y >= a.y && box.y <= b.y) next.add(id)
        }
        host.selection = next
        break
      }
      case 'drag': {
        const dx = p.x - g.startX
        const dy = p.y - g.startY
        if (!g.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) break
        if (!g.moved) {
          g.moved = true
          host.history?.stopCapturing()
        }
        const z = host.viewport.zoom
        const next = new Map<string, { x: number; y: number }>()
        for (const [id, o] of g.origins) next.set(id, { x: o.x + dx / z, y: o.y + dy / z })
        this.scheduleMove(next)
        break
      }
      case 'link': {
        const w = toWorld(host.viewport, p.x, p.y)
        const target = host.conceptAt(w.x, w.y)
        host.linking = { from: g.from, x: w.x, y: w.y, target: target === g.from ? null : target }
        break
      }
    }
  }

  onPointerUp = (e: PointerEvent): void => {
    if (!this.pointers.delete(e.pointerId)) return
    this.longPress.cancel()
    if (this.gesture?.kind === 'pinch') {
      if (this.pointers.size < 2) {
        this.gesture = null
        this.pinchStart = null
        this.host.setMoving(false)
      }
      return
    }
    this.endGesture(e.type === 'pointerup', e)
  }

  onPointerLeave = (e: PointerEvent): void => {
    if (e.pointerType !== 'touch' && this.pointers.size === 0) this.host.emitCursor(null)
  }

  onWheel = (e: WheelEvent): void => {
    e.preventDefault()
    this.shieldWhileWheeling(e.currentTarget as HTMLElement)
    const host = this.host
    const p = host.screenPoint(e, true)
    const lines = e.deltaMode === 1
    const dy = lines ? e.deltaY * 40 : e.deltaY
    // Pinch on a trackpad arrives as a wheel with ctrlKey. A mouse wheel moves in whole notches
    // (or lines); a trackpad scrolls in small, often fractional, steps in both axes: pan with it.
    const mouseWheel = lines || (e.deltaX === 0 && Math.abs(dy) >= 50 && Number.isInteger(dy))
    host.setMoving(true)
    if (e.ctrlKey || e.metaKey || mouseWheel) {
      const factor = Math.exp(-dy * (e.ctrlKey && !mouseWheel ? 0.01 : 0.0015))
      host.setViewport(zoomAt(host.viewport, factor, p.x, p.y))
    } else {
      const v = host.viewport
      host.setViewport({ ...v, x: v.x - e.deltaX, y: v.y - dy })
    }
    host.setMoving(false)
  }

  /**
   * While the wheel turns, a bare layer over the map takes the pointer: each wheel event (and the
   * hover check after each frame) is hit-tested, and finding nothing among a large map's thousands
   * of positioned items cost 5–25 ms a time. It goes once the wheel rests, or the pointer moves
   * (aiming at something), so a press afterwards lands on what is under it.
   */
  private shieldWhileWheeling(viewport: HTMLElement): void {
    viewport.classList.add('wheeling')
    if (this.shieldTimer) clearTimeout(this.shieldTimer)
    this.shieldTimer = setTimeout(() => this.dropShield(viewport), SHIELD_MS)
  }

  /**
   * What a press landed on. A press while the wheel's shield is up (within its 150 ms of the last
   * notch, the pointer not moved) is meant for what is under the shield: a click right after a zoom
   * selected nothing and panned instead.
   */
  private pressed(e: PointerEvent, viewport: HTMLElement): Element {
    const first = e.composedPath()[0] as Element
    if (!first.classList?.contains('shield')) return first
    this.dropShield(viewport)
    let under: Element | null = (viewport.getRootNode() as ShadowRoot | Document).elementFromPoint(e.clientX, e.clientY)
    // elementFromPoint answers in the root's own tree: go down through the shadow roots below it.
    while (under?.shadowRoot) {
      const inner = under.shadowRoot.elementFromPoint(e.clientX, e.clientY)
      if (!inner || inner === under) break
      under = inner
    }
    return under ?? first
  }

  private dropShield(viewport: HTMLElement): void {
    if (this.shieldTimer) clearTimeout(this.shieldTimer)
    this.shieldTimer = null
    viewport.classList.remove('wheeling')
  }

  /** A finger held still on the background: what it drags from here on selects, as Shift-drag does. */
  private marqueeFromPan(el: HTMLElement): void {
    const g = this.gesture
    if (g?.kind !== 'pan') return
    const host = this.host
    el.classList.remove('panning')
    host.setMoving(false)
    // The finger wandered a few pixels while resting: the view goes back to where the press began.
    host.setViewport({ ...host.viewport, x: g.vx, y: g.vy })
    this.gesture = { kind: 'marquee', startX: g.startX, startY: g.startY, base: new Set(host.selection) }
    host.setMarquee({ x: g.startX, y: g.startY, w: 0, h: 0 })
  }

  /**
   * A finger held on a concept or phrase adds it to the selection there was before the press, or
   * takes it out (as Shift-click does); dragging on from there moves everything selected.
   */
  private toggleFromPress(id: string, before: ReadonlySet<string>): void {
    const host = this.host
    const g = this.gesture
    if (g?.kind === 'drag' && g.moved) return
    const next = new Set(before)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    host.selection = next
    navigator.vibrate?.(10)
    if (host.readOnly || !next.has(id) || !host.concepts.has(id) || g?.kind !== 'drag') {
      // Nothing to drag from here: lifting the finger leaves the selection as it is now.
      this.gesture = null
      return
    }
    const origins = new Map<string, { x: number; y: number }>()
    for (const sel of next) {
      const c = host.concepts.get(sel)
      if (c) origins.set(sel, { x: c.x, y: c.y })
    }
    this.gesture = { ...g, origins, additive: true }
  }

  onDblClick = (e: MouseEvent): void => {
    const host = this.host
    if (host.readOnly || this.longPress.firedWithin(1000)) return
    const target = this.downTarget ?? (e.composedPath()[0] as Element)
    if (target.closest?.('cg-label-editor')) return
    const p = host.screenPoint(e, true)
    const conceptId = target.closest?.('.box')?.getAttribute('data-item') ?? this.farConcept(p)
    const linkId = conceptId ? null : this.linkUnder(target, p)
    // Two quick voting clicks on a concept are two dots, not an edit of its label.
    if (conceptId && host.voting) return
    if (conceptId || linkId) {
      host.startEditing((conceptId ?? linkId)!)
      return
    }
    const w = toWorld(host.viewport, p.x, p.y)
    const spot = host.freeSpotNear(w.x, w.y)
    host.startDraft(spot.x, spot.y)
  }

  /** The concept under the pointer by the map's geometry, far out (see CanvasFar). */
  private farConcept(p: { x: number; y: number }): string | null {
    const w = toWorld(this.host.viewport, p.x, p.y)
    return this.host.farConceptAt(w.x, w.y)
  }

  /** The link under the pointer: its phrase, or (lines being one shared drawing) near its line. */
  private linkUnder(target: Element, p: { x: number; y: number }): string | null {
    const label = target.closest?.('.link-label')?.getAttribute('data-item')
    if (label) return label
    const w = toWorld(this.host.viewport, p.x, p.y)
    return this.host.linkAt(w.x, w.y)
  }

  private scheduleMove(next: Map<string, { x: number; y: number }>): void {
    this.pendingMove = next
    // One transaction per frame: each is a message to everyone, and more would not be seen anyway.
    if (this.frame) return
    this.frame = requestAnimationFrame(() => this.flushMove())
  }

  private flushMove(): void {
    if (this.frame) cancelAnimationFrame(this.frame)
    this.frame = 0
    const move = this.pendingMove
    this.pendingMove = null
    if (move) this.host.ops?.moveConcepts(move, true)
  }

  private endGesture(commit: boolean, e?: PointerEvent): void {
    const host = this.host
    const g = this.gesture
    this.gesture = null
    if (!g) return
    switch (g.kind) {
      case 'pan':
        host.setMoving(false)
        ;(e?.currentTarget as HTMLElement | null)?.classList.remove('panning')
        this.host.setViewport(host.viewport)
        // A click or tap on bare map clears the selection (and closes its style panel): on a phone,
        // with no Escape key, nothing else did.
        if (commit && g.button === 0 && g.travelled < (g.touch ? TAP_SLOP_TOUCH : TAP_SLOP_MOUSE) && host.selection.size > 0) {
          host.selection = new Set()
          // The map keeps the keys, not the concept last pressed: its focus ring read as still selected.
          host.focusMap({ ring: false })
        }
        break
      case 'marquee':
        host.setMarquee(null)
        break
      case 'drag':
        if (g.moved) {
          this.flushMove()
          host.history?.stopCapturing()
        } else if (commit && !g.additive && host.selection.size > 1) {
          // A plain click on one of several selected concepts selects just that one.
          host.selection = new Set([g.clicked])
        }
        break
      case 'link': {
        const linking = host.linking
        host.linking = null
        if (!commit || !linking || !host.ops) break
        if (linking.target) {
          const id = host.ops.createLink(g.from, linking.target, '')
          if (id) {
            host.selection = new Set([id])
            host.startEditing(id)
          }
        } else if (host.conceptAt(linking.x, linking.y) !== g.from) {
          // Dropped on empty map: a new concept there, linked from this one (as in CmapTools).
          host.startDraft(linking.x, linking.y, g.from)
        }
        break
      }
    }
  }
}

/** How far (px) a press may wander and still be a click or a tap, not a pan. */
const TAP_SLOP_MOUSE = 4
const TAP_SLOP_TOUCH = 10

const mid = (a: { x: number; y: number }, b: { x: number; y: number }) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 })

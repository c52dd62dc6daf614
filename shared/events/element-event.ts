import type { Role } from '../roles'

/**
 * Element-level event kinds of metrics.md ("Events"). Listed in priority order: when one update
 * touches an element in several ways, the first kind that applies is the one recorded.
 */
export const ELEMENT_EVENT_KINDS = ['create', 'delete', 'reconnect', 'relabel', 'restyle', 'move'] as const
export type ElementEventKind = (typeof ELEMENT_EVENT_KINDS)[number]

export type ElementType = 'concept' | 'link'

/** Kinds that count as content events for every metric; `move` and `restyle` never do. */
export const CONTENT_KINDS: ReadonlySet<ElementEventKind> = new Set(['create', 'relabel', 'reconnect', 'delete'])

export function isContentKind(kind: ElementEventKind): boolean {
  return CONTENT_KINDS.has(kind)
}

/** One element touched by one update (the kind already chosen by priority). */
export interface ElementEvent {
  kind: ElementEventKind
  elementType: ElementType
  elementId: string
  /**
   * For a link's `create` or `reconnect`: its endpoints after the update (when they are strings).
   * The uptake and take-up rules need a link's endpoints at the moment it was created or
   * reconnected, which neither the element id nor the map at T can give back later.
   */
  from?: string
  to?: string
}

/**
 * The attributed event the server journals and serves. Every event of one update shares `seq`
 * (the journal sequence number of the update), `at` (accept time, epoch ms) and the author.
 */
export interface BoardEvent extends ElementEvent {
  seq: number
  at: number
  participantId: string
  role: Role
}

export interface Attribution {
  seq: number
  at: number
  participantId: string
  role: Role
}

/** Stamps the events of one accepted update with its journal position and author. */
export function attributeEvents(events: readonly ElementEvent[], attribution: Attribution): BoardEvent[] {
  // Explicit literals, not spreads: journals run to 10^5 events and objects of one fixed shape
  // keep the metrics' replay fast.
  return events.map((e) => {
    const event: BoardEvent = {
      seq: attribution.seq,
      at: attribution.at,
      participantId: attribution.participantId,
      role: attribution.role,
      kind: e.kind,
      elementType: e.elementType,
      elementId: e.elementId
    }
    if (e.from !== undefined) event.from = e.from
    if (e.to !== undefined) event.to = e.to
    return event
  })
}

/** JavaScript code-unit order, the order metrics.md uses for ids. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Order inside one update: by element id; a concept and a link sharing an id (legal in the
 * document, since they live in different maps) are ordered concept first so the order is total.
 */
export function compareWithinUpdate(
  a: Pick<ElementEvent, 'elementId' | 'elementType'>,
  b: Pick<ElementEvent, 'elementId' | 'elementType'>
): number {
  return compareIds(a.elementId, b.elementId) || compareIds(a.elementType, b.elementType)
}

/** Journal order of metrics.md: sequence number, then inside one update the smaller id first. */
export function compareBoardEvents(
  a: Pick<BoardEvent, 'seq' | 'elementId' | 'elementType'>,
  b: Pick<BoardEvent, 'seq' | 'elementId' | 'elementType'>
): number {
  return a.seq - b.seq || compareWithinUpdate(a, b)
}

import type { ReplayMap } from './replay-api'
import { groupOf } from '../../shared/roles'
import { creatorsAt, elementKey, touchedBy, type ReplayEvent } from './replay-model'

export type ColourBy = 'group' | 'person'

const GROUP_FILL: Record<string, string> = { B: '#bfdbfe', U: '#fed7aa' }
const OTHER_FILL = '#e2e8f0'
const PERSON_FILLS = ['#bfdbfe', '#fed7aa', '#bbf7d0', '#fbcfe8', '#ddd6fe', '#fde68a', '#a5f3fc', '#fecaca']
/** Links are lines: the same colours, dark enough to read as strokes. */
const GROUP_INK: Record<string, string> = { B: '#1d4ed8', U: '#c2410c' }
const OTHER_INK = '#475569'
const PERSON_INKS = ['#1d4ed8', '#c2410c', '#15803d', '#be185d', '#6d28d9', '#a16207', '#0e7490', '#b91c1c']

/** The colour of what a participant created: by side, or by person (their index of appearance). */
export function colourOf(p: ReplayEvent['participant'], by: ColourBy, personIndex: ReadonlyMap<string, number>, ink = false): string {
  if (by === 'group') {
    const g = groupOf(p.role) ?? ''
    return ink ? (GROUP_INK[g] ?? OTHER_INK) : (GROUP_FILL[g] ?? OTHER_FILL)
  }
  const i = personIndex.get(p.id) ?? 0
  return ink ? PERSON_INKS[i % PERSON_INKS.length]! : PERSON_FILLS[i % PERSON_FILLS.length]!
}

/** Whether an event belongs to the highlighted side ('B', 'U') or person ('' highlights everyone). */
export function isHighlighted(e: ReplayEvent, highlight: string): boolean {
  if (highlight === '') return true
  if (highlight === 'B' || highlight === 'U') return groupOf(e.participant.role) === highlight
  return e.participant.id === highlight
}

export interface MapDecorations {
  /** Element key → colour of its creator. */
  fills: Map<string, string>
  /** Elements to fade (not touched by the highlighted side or person up to the moment); null: none. */
  dimmed: Set<string> | null
  /** Elements where one side built on the other's ideas, up to the moment. */
  uptake: Set<string>
}

/** How to draw the map at moment `t`: colours by creator, highlight and uptake marks. Pure. */
export function mapDecorations(input: {
  events: readonly ReplayEvent[]
  t: number
  map: ReplayMap | null
  colourBy: ColourBy
  personIndex: ReadonlyMap<string, number>
  highlight: string
  uptakeSeqs: ReadonlySet<number> | null
}): MapDecorations {
  const { events, t, map } = input
  const fills = new Map<string, string>()
  for (const [k, p] of creatorsAt(events, t)) fills.set(k, colourOf(p, input.colourBy, input.personIndex, k.startsWith('link:')))
  let dimmed: Set<string> | null = null
  if (input.highlight !== '' && map) {
    const mine = new Set<string>()
    for (const e of events) {
      if (e.at > t) break
      if (isHighlighted(e, input.highlight)) mine.add(elementKey(e.element.type, e.element.id))
    }
    dimmed = new Set()
    for (const c of map.concepts) if (!mine.has(elementKey('concept', c.id))) dimmed.add(elementKey('concept', c.id))
    for (const l of map.links) if (!mine.has(elementKey('link', l.id))) dimmed.add(elementKey('link', l.id))
  }
  const uptake = input.uptakeSeqs ? touchedBy(events, input.uptakeSeqs, t) : new Set<string>()
  return { fills, dimmed, uptake }
}

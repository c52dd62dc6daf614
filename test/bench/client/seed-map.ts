import * as Y from 'yjs'
import { prng } from '../../support/prng'

const COLUMNS = 40
const WORDS = ['price', 'trust', 'service', 'delivery', 'quality', 'loyalty', 'support', 'brand', 'value', 'habit', 'community', 'design']
const PHRASES = ['leads to', 'affects', 'is part of', 'builds', 'needs', 'reduces', 'depends on']

/**
 * A big map as a workshop draws it: `concepts` concepts on a grid (40 a row, 220 × 130 apart, a
 * little jitter) and about `links` links, mostly to a neighbour (right or below), some longer
 * cross-links; seeded, in batches of one transaction each. Returns the concept ids.
 */
export function seedMap(doc: Y.Doc, concepts: number, links: number): string[] {
  const random = prng(42)
  const ids: string[] = []
  const conceptMap = doc.getMap<Y.Map<unknown>>('concepts')
  const linkMap = doc.getMap<Y.Map<unknown>>('links')
  for (let start = 0; start < concepts; start += 100) {
    doc.transact(() => {
      for (let i = start; i < Math.min(concepts, start + 100); i++) {
        const id = `c${i}`
        const m = new Y.Map<unknown>()
        const words = 1 + Math.floor(random() * 3)
        m.set('label', Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' '))
        m.set('x', (i % COLUMNS) * 220 + Math.round(random() * 40))
        m.set('y', Math.floor(i / COLUMNS) * 130 + Math.round(random() * 30))
        conceptMap.set(id, m)
        ids.push(id)
      }
    })
  }
  for (let start = 0; start < links; start += 150) {
    doc.transact(() => {
      for (let i = start; i < Math.min(links, start + 150); i++) {
        const from = Math.floor(random() * concepts)
        const step = random() < 0.8 ? (random() < 0.5 ? 1 : COLUMNS) : Math.floor(random() * 200) - 100
        const to = Math.min(concepts - 1, Math.max(0, from + step))
        if (to === from) continue
        const m = new Y.Map<unknown>()
        m.set('from', `c${from}`)
        m.set('to', `c${to}`)
        m.set('label', PHRASES[Math.floor(random() * PHRASES.length)]!)
        linkMap.set(`l${i}`, m)
      }
    })
  }
  return ids
}

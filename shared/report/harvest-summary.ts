import type { MetricsProfile } from '../metrics/types'

/** One figure of the "harvested vs built together" section: its value as a share, or null. */
export interface HarvestRow {
  key: string
  label: string
  value: number | null
}

export interface HarvestSummary {
  /** Plain words for the facilitator (the brand reads this part first). */
  sentence: string
  rows: HarvestRow[]
}

const pct = (v: number) => `${Math.round(v * 100)}%`

/**
 * The report's "harvested vs built together" section (metrics.md 11): how much of the map came
 * from what customers had already said (learning *from* them), and how much was built together
 * beyond it (learning *with* them).
 */
export function harvestSummary(p: MetricsProfile): HarvestSummary {
  const s = p.stream
  const rows: HarvestRow[] = [
    { key: 'stream.harvest', label: 'Concepts harvested from the stream', value: s.harvest },
    { key: 'stream.beyond', label: 'Propositions built together beyond it', value: s.beyond },
    { key: 'stream.coverage', label: 'Stream items used', value: s.coverage },
    { key: 'stream.harvestByGroup.B', label: 'Brand side’s concepts from the stream', value: s.harvestByGroup.B },
    { key: 'stream.harvestByGroup.U', label: 'Customers’ concepts from the stream', value: s.harvestByGroup.U }
  ]
  let sentence: string
  if (s.coverage === null) sentence = 'No customer stream was loaded into this board: everything on the map was built in the room.'
  else if (s.harvest === null) sentence = 'A customer stream was loaded, but the map has no concepts yet.'
  else {
    const built = s.beyond === null ? 'no proposition joins two concepts yet' : `${pct(s.beyond)} of the propositions were built together beyond it`
    sentence = `${pct(s.harvest)} of the concepts were harvested from what customers had already said, and ${built}.`
  }
  return { sentence, rows }
}

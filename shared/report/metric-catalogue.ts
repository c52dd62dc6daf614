import type { PermutationResult } from '../metrics/permutation-baseline'
import type { MetricsProfile } from '../metrics/types'
import type { GroupContribution, PersonContribution } from './report-data'

/** Who did what in the report's scope, so readings can say who (absent: they say how much only). */
export interface ReadingContext {
  people: readonly PersonContribution[]
  groups: readonly GroupContribution[]
}

/** One figure of the profile as the report shows it: value, plain reading, range, formula, source. */
export interface MetricDefinition {
  /** Dotted path in the profile (`uptake.brand`); also the CSV's metric column. */
  key: string
  label: string
  /** The section of metrics.md that defines it. */
  section: string
  range: string
  /** Axis bounds for its chart over time (null: fit the data). */
  min: number | null
  max: number | null
  value: (p: MetricsProfile) => number | null
  /** Plain words for a facilitator; only called with a non-null value. */
  reading: (v: number, p: MetricsProfile, who: ReadingContext | null) => string
  formula: string
  source: string
  /** Charted over the scope's time (pulse answers come at the end, so they are not). */
  overTime: boolean
}

export const NOT_ENOUGH_DATA = 'not enough data'

const pct = (v: number) => `${Math.round(v * 100)}%`
const events = (n: number) => `${n} content event${n === 1 ? '' : 's'}`

function pulseItem(item: 'understood' | 'learned' | 'represents', n: number, statement: string): MetricDefinition {
  return {
    key: `pulse.${item}`,
    label: `Pulse: “${statement}”`,
    section: '10. pulse',
    range: '1–5 (mean)',
    min: 1,
    max: 5,
    value: (p) => p.pulse[item].overall,
    reading: (v, p) => {
      const s = p.pulse[item]
      const side = (m: number | null, c: number) => (m === null ? 'no answers' : `${m.toFixed(1)} from ${c} answer${c === 1 ? '' : 's'}`)
      const level = v >= 4 ? 'Participants mostly agree' : v >= 3 ? 'Participants are in between' : 'Participants mostly disagree'
      return `${level} (brand ${side(s.brand, s.count.brand)}; customers ${side(s.customer, s.count.customer)}).`
    },
    formula: `Mean of the answers (1–5) to item ${n}, per group and pooled over B and U; the last answer set per participant and session counts.`,
    source: 'Participants’ own view; subjective, social metrics (the product’s motivating blog post).',
    overTime: false
  }
}

/** Every figure of metrics.md's profile, in its order. */
export const METRICS: readonly MetricDefinition[] = [
  {
    key: 'balance',
    label: 'Balance between the two sides',
    section: '1. balance',
    range: '0–1',
    min: 0,
    max: 1,
    value: (p) => p.balance,
    reading: (v, _p, who) => {
      const n = (g: 'B' | 'U') => who?.groups.find((x) => x.group === g)?.content ?? 0
      const counts = who ? ` (brand ${events(n('B'))}, customers ${events(n('U'))})` : ''
      if (v >= 0.9) return `Both sides contributed about equally${counts}.`
      const more = who ? (n('B') > n('U') ? 'The brand side' : 'The customer side') : 'One side'
      return v >= 0.6 ? `${more} contributed somewhat more than the other${counts}.` : `${more} did most of the work${counts}.`
    },
    formula: 'balance = 1 − |n_B − n_U| / (n_B + n_U), n = content events (create, relabel, reconnect, delete) per group.',
    source: 'Participation quantity/homogeneity, Weinberger & Fischer 2006 (Computers & Education 46:71–95).',
    overTime: true
  },
  {
    key: 'equity',
    label: 'Equity between people',
    section: '2. equity',
    range: '0–1',
    min: 0,
    max: 1,
    value: (p) => p.equity,
    reading: (v, _p, who) => {
      const level = v >= 0.8 ? 'Everyone contributed about alike.' : v >= 0.5 ? 'Some people contributed clearly more than others.' : 'A few people did most of the work.'
      const members = (who?.people ?? []).filter((c) => c.person.group !== null)
      const total = members.reduce((sum, c) => sum + c.content, 0)
      const top = [...members].sort((a, b) => b.content - a.content)[0]
      if (!top || total === 0) return level
      const side = top.person.group === 'B' ? 'brand' : 'customer'
      return `${level} ${top.person.name ?? 'One person'} (${side}) contributed most: ${top.content} of ${events(total)}.`
    },
    formula: 'equity = 1 − Gini, Gini = Σ_i Σ_j |x_i − x_j| / (2 n² x̄) over every brand and customer participant who connected (x = content events).',
    source: 'Gini as a participation-inequality measure (Zhu et al., CSCL 2017).',
    overTime: true
  },
  {
    key: 'commonGround',
    label: 'Common ground',
    section: '3. commonGround',
    range: '0–1',
    min: 0,
    max: 1,
    value: (p) => p.commonGround,
    reading: (v, p) =>
      `${pct(v)} of the map’s propositions (${p.commonGroundCount}) were touched by both sides: people of each side wrote or changed the link or one of its two concepts.`,
    formula: 'commonGround = |{p ∈ P : F(p) = {B, U}}| / |P|, F(p) = groups of the authors of content events on the link and its two concepts.',
    source: 'Knowledge convergence, Jeong & Chi 2007 (Instructional Science 35:287–315); Weinberger, Stegmann & Fischer 2007.',
    overTime: true
  },
  {
    key: 'bridging',
    label: 'Bridging between the sides’ ideas',
    section: '4. bridging',
    range: '−1 to 1',
    min: -1,
    max: 1,
    value: (p) => p.bridging,
    reading: (v) =>
      v > 0
        ? 'Most propositions join ideas first written by different sides: an integrated map.'
        : v === 0
          ? 'As many propositions join ideas first written by different sides as join ideas of one side.'
          : v <= -0.9
            ? 'Almost every proposition joins ideas first written by the same side: two parallel maps that hardly touch.'
            : 'Most propositions join ideas first written by the same side.',
    formula: 'bridging = (E − I) / (E + I) over propositions whose two concepts were created by B or U: E when the creators’ groups differ, I when they match.',
    source: 'Krackhardt–Stern E-I index, Krackhardt & Stern 1988.',
    overTime: true
  },
  {
    key: 'uptake.brand',
    label: 'Uptake by the brand',
    section: '5. uptake',
    range: '0–1',
    min: 0,
    max: 1,
    value: (p) => p.uptake.brand,
    reading: (v) => `${pct(v)} of the brand’s contributions built on the customers’ ideas.`,
    formula: 'uptake.brand = uptake events by B / content events by B; an event is uptake when it changes or links an element whose last content event was by the other group.',
    source: 'Transactivity, Berkowitz & Gibbs 1983; Teasley 1997; uptake graphs, Suthers et al. 2010 (ijCSCL 5:5–42).',
    overTime: true
  },
  {
    key: 'uptake.customer',
    label: 'Uptake by the customers',
    section: '5. uptake',
    range: '0–1',
    min: 0,
    max: 1,
    value: (p) => p.uptake.customer,
    reading: (v) => `${pct(v)} of the customers’ contributions built on the brand’s ideas.`,
    formula: 'uptake.customer = uptake events by U / content events by U (same rule as for the brand).',
    source: 'Transactivity, Berkowitz & Gibbs 1983; Teasley 1997; uptake graphs, Suthers et al. 2010 (ijCSCL 5:5–42).',
    overTime: true
  },
  {
    key: 'reciprocity',
    label: 'Reciprocity',
    section: '6. reciprocity',
    range: '0–1',
    min: 0,
    max: 1,
    value: (p) => p.reciprocity,
    reading: (v) =>
      v >= 0.7 ? 'Both sides built on each other: learning with.' : v > 0 ? 'One side built on the other much more than the reverse.' : 'Only one side built on the other: learning from.',
    formula: 'reciprocity = min(u_B, u_U) / max(u_B, u_U), u = uptake events per group.',
    source: 'Reciprocity in social network analysis of learning communities.',
    overTime: true
  },
  {
    key: 'structure.score',
    label: 'Structure of the map',
    section: '7. structure',
    range: '0 and up',
    min: 0,
    max: null,
    value: (p) => p.structure.score,
    reading: (v, p) =>
      `${p.structure.NP} proposition${p.structure.NP === 1 ? '' : 's'}, ${p.structure.HH} level${p.structure.HH === 1 ? '' : 's'} of hierarchy and ${p.structure.NCL} cross-link${p.structure.NCL === 1 ? '' : 's'} give a score of ${v}.`,
    formula: 'score = NP + 5·HH + 10·NCL: propositions, the deepest level below the root (the concept of highest degree), cross-links between branches.',
    source: 'Novak & Gowin 1984, Learning How to Learn; automated variant of the EM Cmap scoring tool.',
    overTime: true
  },
  {
    key: 'structure.integrativeCrossLinks',
    label: 'Cross-links joining the sides',
    section: '7. structure',
    range: '0–1',
    min: 0,
    max: 1,
    value: (p) => p.structure.integrativeCrossLinks,
    reading: (v) => `${pct(v)} of the cross-links join a brand concept to a customer concept.`,
    formula: 'integrativeCrossLinks = cross-links whose two concepts were created by different groups / NCL.',
    source: 'Novak & Gowin 1984; automated variant of the EM Cmap scoring tool.',
    overTime: true
  },
  {
    key: 'convergence.delta',
    label: 'Growth of common ground',
    section: '8. convergence',
    range: '−1 to 1',
    min: -1,
    max: 1,
    value: (p) => p.convergence.delta,
    // The same scale as common ground itself (0–1): a change of 0.70 reads as 0.70, never as points.
    reading: (v, p) => {
      const now = p.commonGround
      const from = now === null ? '' : ` from ${(now - v).toFixed(2)} to ${now.toFixed(2)}`
      if (v > 0) return `Common ground grew by ${v.toFixed(2)}${from} over the last third of the work.`
      if (v < 0) return `Common ground shrank by ${(-v).toFixed(2)}${from} over the last third of the work.`
      return 'Common ground stayed level over the last third of the work.'
    },
    formula: 'delta = commonGround(t1) − commonGround(cut), the cut at two thirds of the way from the first content event t0 to the last t1.',
    source: 'Convergence as an increase over time, Jeong & Chi 2007.',
    overTime: true
  },
  {
    key: 'convergence.uptakeLatencyMedianSeconds',
    label: 'Time to take up the other side’s ideas',
    section: '8. convergence',
    range: 'seconds, 0 and up',
    min: 0,
    max: null,
    value: (p) => p.convergence.uptakeLatencyMedianSeconds,
    reading: (v) => `Half of the ideas the other side took up were taken up within ${formatSeconds(v)}.`,
    formula: 'Median over elements the other group later took up of the seconds from creation to the first take-up (a content event on it, or a link to it).',
    source: 'Convergence as an increase over time, Jeong & Chi 2007.',
    overTime: true
  },
  {
    key: 'novelty',
    label: 'Novelty from the customers',
    section: '9. novelty',
    range: '0–1',
    min: 0,
    max: 1,
    value: (p) => p.novelty,
    reading: (v) => `${pct(v)} of the concepts on the map came from customers: what the brand could learn from them.`,
    formula: 'novelty = concepts present created by U / concepts present created by B or U.',
    source: 'The one “learning from” figure of the profile (metrics.md 9).',
    overTime: true
  },
  ...streamMetrics(),
  pulseItem('understood', 1, 'The other side understood my view'),
  pulseItem('learned', 2, 'I learned something new about the other side'),
  pulseItem('represents', 3, 'This map represents what we share'),
  {
    key: 'priorities.agreement',
    label: 'Priorities: agreement',
    section: '12. priorities',
    range: '0–1',
    min: 0,
    max: 1,
    value: (p) => p.priorities.agreement,
    reading: (v) =>
      v >= 0.7
        ? `Both sides put their dots on much the same concepts (${v.toFixed(2)}): they agree on what matters.`
        : v >= 0.3
          ? `The sides' dots overlap in part (${v.toFixed(2)}): some shared priorities, some of their own.`
          : `The sides put their dots on different concepts (${v.toFixed(2)}): worth asking each why theirs matter.`,
    formula: 'agreement = Σ_c vB(c)·vU(c) / (√Σ vB(c)² · √Σ vU(c)²): the cosine of the two sides’ dots per concept, in the latest round closed by T.',
    source: 'Dot voting, a subjective and social signal (metrics.md 12).',
    overTime: false
  },
  {
    key: 'priorities.crossVote.B',
    label: 'Priorities: brand dots on customers’ concepts',
    section: '12. priorities',
    range: '0–1',
    min: 0,
    max: 1,
    value: (p) => p.priorities.crossVote.B,
    reading: (v) => `${pct(v)} of the brand's dots went to concepts the customers created: how far the brand values the customers' ideas.`,
    formula: 'crossVote.B = dots of B on concepts created by U / all dots of B.',
    source: 'Dot voting (metrics.md 12).',
    overTime: false
  },
  {
    key: 'priorities.crossVote.U',
    label: 'Priorities: customer dots on the brand’s concepts',
    section: '12. priorities',
    range: '0–1',
    min: 0,
    max: 1,
    value: (p) => p.priorities.crossVote.U,
    reading: (v) => `${pct(v)} of the customers' dots went to concepts the brand created: how far the customers value the brand's ideas.`,
    formula: 'crossVote.U = dots of U on concepts created by B / all dots of U.',
    source: 'Dot voting (metrics.md 12).',
    overTime: false
  }
]

export function formatSeconds(v: number): string {
  if (v < 90) return `${Number(v.toFixed(1))} s`
  if (v < 5400) return `${Number((v / 60).toFixed(1))} min`
  return `${Number((v / 3600).toFixed(1))} h`
}

/**
 * The metrics a report shows for a profile: those of the stream (metrics.md 11) only when a stream
 * was loaded (its coverage has a denominator). Without one, "harvested, brand side 0.00" would read
 * as a finding about the brand rather than as the absence of a stream, which the report's harvest
 * section already states in words.
 */
export function shownMetrics(p: MetricsProfile): readonly MetricDefinition[] {
  return p.stream.coverage === null ? METRICS.filter((m) => !m.key.startsWith('stream.')) : METRICS
}

/** A value as the report prints it; null is "not enough data", never 0. */
export function formatValue(def: MetricDefinition, v: number | null): string {
  if (v === null) return NOT_ENOUGH_DATA
  if (def.key === 'structure.score') return String(v)
  if (def.key === 'convergence.uptakeLatencyMedianSeconds') return formatSeconds(v)
  if (def.key.startsWith('pulse.')) return v.toFixed(1)
  return v.toFixed(2)
}

export function readingOf(def: MetricDefinition, p: MetricsProfile, who: ReadingContext | null = null): string {
  const v = def.value(p)
  return v === null ? 'Not enough data to say: the value needs activity it has not seen yet.' : def.reading(v, p, who)
}

/** Plain words for a permutation percentile ("higher than 97% of random regroupings"). */
export function percentileReading(r: PermutationResult): string {
  if (r.percentile === null) return NOT_ENOUGH_DATA
  const p = Math.round(r.percentile)
  const chance =
    r.percentile >= 95 ? 'unlikely to be chance' : r.percentile <= 5 ? 'lower than chance alone would give' : 'within what chance alone gives'
  return `as high as or higher than ${p}% of ${r.permutations.toLocaleString('en')} random regroupings of the same people: ${chance}`
}

/** metrics.md 11: harvested from the stream (learning from) against built together beyond it (learning with). */
function streamMetrics(): MetricDefinition[] {
  const base = { section: '11. stream', range: '0–1', min: 0, max: 1, overTime: false, source: 'Learning from and learning with (metrics.md 11).' }
  return [
    {
      ...base,
      key: 'stream.harvest',
      label: 'Harvested from the stream',
      value: (p) => p.stream.harvest,
      reading: (v) => `${pct(v)} of the concepts on the map were taken from what customers had already said (the stream).`,
      formula: 'harvest = concepts present whose origin names an item of the stream / concepts present.'
    },
    {
      ...base,
      key: 'stream.beyond',
      label: 'Built together beyond the stream',
      value: (p) => p.stream.beyond,
      reading: (v) => `${pct(v)} of the propositions join two concepts neither of which came from the stream: built together, beyond what customers had already said.`,
      formula: 'beyond = propositions neither of whose concepts comes from the stream / propositions.'
    },
    {
      ...base,
      key: 'stream.coverage',
      label: 'Stream items used',
      value: (p) => p.stream.coverage,
      reading: (v) => `${pct(v)} of the stream’s items made it onto the map.`,
      formula: 'coverage = stream items some present concept has as origin / stream items.'
    },
    {
      ...base,
      key: 'stream.harvestByGroup.B',
      label: 'Harvested, brand side',
      value: (p) => p.stream.harvestByGroup.B,
      reading: (v) => `${pct(v)} of the brand side’s concepts were taken from the stream.`,
      formula: 'harvestByGroup.B = concepts created by B from the stream / concepts created by B.'
    },
    {
      ...base,
      key: 'stream.harvestByGroup.U',
      label: 'Harvested, customer side',
      value: (p) => p.stream.harvestByGroup.U,
      reading: (v) => `${pct(v)} of the customers’ concepts were taken from the stream.`,
      formula: 'harvestByGroup.U = concepts created by U from the stream / concepts created by U.'
    }
  ]
}

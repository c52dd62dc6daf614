import type { BoardEvent, ElementEvent, ElementType } from '../../../shared/events/element-event'
import { compareWithinUpdate } from '../../../shared/events/element-event'
import type { Role } from '../../../shared/roles'
import type { BoardMap, Concept, Link } from '../../../shared/schema/board-map'
import type { MetricsInput, MetricsParticipant, PulseAnswer, VoteRound } from '../../../shared/metrics/types'
import type { StreamState } from '../../../shared/metrics/stream'

/**
 * Builds a journal (BoardEvent[]) and `mapAt` from a script of updates, without Yjs: each `at(...)`
 * starts one update (next seq); its methods add one element change each. Times are in ms.
 */
export class BoardScript {
  readonly events: BoardEvent[] = []
  private seq = 0
  private readonly concepts = new Map<string, Concept>()
  private readonly links = new Map<string, Link>()
  private readonly snapshots: Array<{ at: number; map: BoardMap }> = []
  private readonly initial: BoardMap
  private open: Update | null = null

  constructor(
    readonly roles: Record<string, Role>,
    imported: { concepts?: string[]; links?: Array<[string, string, string]> } = {}
  ) {
    for (const id of imported.concepts ?? []) this.concepts.set(id, { id, label: id, x: 0, y: 0 })
    for (const [id, from, to] of imported.links ?? []) this.links.set(id, { id, from, to, label: 'rel' })
    this.initial = this.snapshot()
  }

  /** Starts an update by `who` accepted at `at` ms. */
  at(at: number, who: string): Update {
    if (this.open !== null && !this.open.isDone) throw new Error('previous update not done()')
    const role = this.roles[who]
    if (role === undefined) throw new Error(`unknown participant ${who}`)
    const seq = ++this.seq
    const update = new Update(this, (events) => {
      const sorted = [...events].sort(compareWithinUpdate)
      for (const e of sorted) this.events.push({ ...e, seq, at, participantId: who, role })
      this.snapshots.push({ at, map: this.snapshot() })
    })
    this.open = update
    return update
  }

  /** @internal */
  apply(change: (c: Map<string, Concept>, l: Map<string, Link>) => void): void {
    change(this.concepts, this.links)
  }

  typeOf(id: string): ElementType {
    if (this.concepts.has(id)) return 'concept'
    if (this.links.has(id)) return 'link'
    throw new Error(`no element ${id}`)
  }

  mapAt = (t: number): BoardMap => {
    let map = this.initial
    for (const s of this.snapshots) if (s.at <= t) map = s.map
    return map
  }

  participants(firstConnectedAt = 0): MetricsParticipant[] {
    return Object.entries(this.roles).map(([id, role]) => ({ id, role, firstConnectedAt }))
  }

  input(at: number, extra: { participants?: MetricsParticipant[]; pulses?: PulseAnswer[]; votes?: VoteRound[]; stream?: StreamState } = {}): MetricsInput {
    return {
      at,
      events: this.events,
      participants: extra.participants ?? this.participants(),
      mapAt: this.mapAt,
      pulses: extra.pulses ?? [],
      votes: extra.votes,
      stream: extra.stream
    }
  }

  private snapshot(): BoardMap {
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    return {
      title: '',
      focusQuestion: '',
      concepts: [...this.concepts.values()].map((c) => ({ ...c })).sort(byId),
      links: [...this.links.values()].map((l) => ({ ...l })).sort(byId)
    }
  }
}

/** One update's element changes, one per element; `done()` records it. */
export class Update {
  private readonly pending: ElementEvent[] = []
  private committed = false

  get isDone(): boolean {
    return this.committed
  }

  constructor(
    private readonly script: BoardScript,
    private readonly commit: (events: ElementEvent[]) => void
  ) {}

  concept(id: string, label = id): this {
    this.script.apply((c) => c.set(id, { id, label, x: 0, y: 0 }))
    return this.push({ kind: 'create', elementType: 'concept', elementId: id })
  }

  link(id: string, from: string, to: string, label = 'rel'): this {
    this.script.apply((_c, l) => l.set(id, { id, from, to, label }))
    return this.push({ kind: 'create', elementType: 'link', elementId: id, from, to })
  }

  relabel(id: string, label: string): this {
    const type = this.script.typeOf(id)
    this.script.apply((c, l) => {
      const concept = c.get(id)
      const link = l.get(id)
      if (type === 'concept' && concept !== undefined) c.set(id, { ...concept, label })
      if (type === 'link' && link !== undefined) l.set(id, { ...link, label })
    })
    return this.push({ kind: 'relabel', elementType: type, elementId: id })
  }

  reconnect(id: string, from: string, to: string): this {
    this.script.apply((_c, l) => {
      const el = l.get(id)
      if (el !== undefined) l.set(id, { ...el, from, to })
    })
    return this.push({ kind: 'reconnect', elementType: 'link', elementId: id, from, to })
  }

  move(id: string): this {
    return this.push({ kind: 'move', elementType: this.script.typeOf(id), elementId: id })
  }

  restyle(id: string): this {
    return this.push({ kind: 'restyle', elementType: this.script.typeOf(id), elementId: id })
  }

  delete(id: string): this {
    const type = this.script.typeOf(id)
    this.script.apply((c, l) => (type === 'concept' ? c.delete(id) : l.delete(id)))
    return this.push({ kind: 'delete', elementType: type, elementId: id })
  }

  /** Ends the update: events and the map snapshot are recorded. */
  done(): void {
    if (this.committed) throw new Error('update already committed')
    this.committed = true
    this.commit(this.pending)
  }

  private push(e: ElementEvent): this {
    if (this.committed) throw new Error('update already committed')
    this.pending.push(e)
    return this
  }
}

export const s = (seconds: number) => seconds * 1000

import type { BoardSession } from '../../shared/api/sessions'
import { css, html, LitElement, nothing } from 'lit'
import './cg-replay-map'
import './cg-snapshot-panel'
import { colourOf, isHighlighted, mapDecorations, type ColourBy } from './map-decorations'
import { ReplayApi, type ReplayMap } from './replay-api'
import { describeEvents, lastIndexAt, participantsOf, uptakeEvents, type ReplayRole } from './replay-model'
import { ReplayPlayhead, SPEEDS } from './replay-playhead'
import { replayStyles } from './replay-styles'
import { srOnlyStyles } from '../sr-only-styles'
const POLL_MS = 2000
/** Events listed around the current one: a long board's list stays light. */
const LIST_WINDOW = 150
const clock = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })

/**
 * The facilitator's replay of how a board was built: a timeline over a session (or the whole
 * board) with play/pause at 1×–64× and event steps, the map as it stood at the playhead, and the
 * event list beside it in step. While the board is live the timeline's end follows the present.
 */
export class CgReplay extends LitElement {
  static override properties = {
    boardId: { type: String, attribute: 'board-id' },
    token: { attribute: false },
    sessions: { state: true },
    sessionId: { state: true },
    colourBy: { state: true },
    highlight: { state: true },
    showUptake: { state: true },
    boardTitle: { state: true },
    stepped: { state: true },
    error: { state: true }
  }

  static override styles = [replayStyles, srOnlyStyles, css``]

  boardId = ''
  token = ''
  sessions: BoardSession[] = []
  /** '' for the whole board. */
  sessionId = ''
  colourBy: ColourBy = 'group'
  /** '' none, 'B' or 'U' a group, else a participant id. */
  highlight = ''
  showUptake = true
  boardTitle = ''
  /** The event the keyboard last stepped to, said by a status line (focus stays on the list). */
  stepped = ''
  error = ''

  private api: ReplayApi | null = null
  private poller: ReturnType<typeof setInterval> | null = null
  private readonly playhead = new ReplayPlayhead(
    this,
    (at) => this.api!.map(at),
    () => this.live,
    (e) => (this.error = e.message)
  )
  private uptakeSeqs = new Set<number>()
  /** One line per event, naming what each touched (see describeEvents). */
  private descriptions: string[] = []
  /** The map before the first event shown (a session starting mid-board names what was there). */
  private mapBefore: ReplayMap | null = null
  private personIndex = new Map<string, number>()

  override connectedCallback(): void {
    super.connectedCallback()
    this.api = new ReplayApi(this.boardId, this.token)
    void this.load()
    this.poller = setInterval(() => void this.poll(), POLL_MS)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    if (this.poller) clearInterval(this.poller)
  }

  private get session(): BoardSession | undefined {
    return this.sessions.find((s) => s.id === this.sessionId)
  }

  /** Whether the end of the timeline is the present (the whole board, or a session still running). */
  private get live(): boolean {
    return this.sessionId === '' || this.session?.open === true
  }

  private async load(): Promise<void> {
    try {
      const api = this.api!
      const [board, sessions] = await Promise.all([api.board(), api.sessions()])
      this.boardTitle = board.title
      this.sessions = sessions
      this.sessionId = (await this.latestWithEvents(sessions))?.id ?? ''
      await this.loadEvents()
    } catch (e) {
      this.error = (e as Error).message
    }
  }

  /** The latest session something happened in (a session marked but left empty is skipped). */
  private async latestWithEvents(sessions: readonly BoardSession[]): Promise<BoardSession | undefined> {
    for (const s of [...sessions].reverse()) {
      // A session found from activity has events by definition.
      if (s.kind === 'activity' || (await this.api!.hasEvents(s.id))) return s
    }
    return undefined
  }

  private async loadEvents(): Promise<void> {
    const events = await this.api!.events(0, this.sessionId || undefined)
    const s = this.session
    const start = s ? s.start : (events[0]?.at ?? Date.now())
    this.playhead.timeline(events, start, this.live ? Math.max(Date.now(), events.at(-1)?.at ?? 0) : s!.end)
    this.mapBefore = null
    this.indexEvents()
    void this.playhead.maps.load(events, -1, start).then((map) => {
      if (!map || this.playhead.events !== events) return
      this.mapBefore = map
      this.indexEvents()
      this.requestUpdate()
    }, () => {})
  }

  /** After a session was started or ended here: a new session is shown at once, an ended one stops following. */
  private async reloadSessions(): Promise<void> {
    const before = new Map(this.sessions.map((s) => [s.id, s.open]))
    this.sessions = await this.api!.sessions().catch(() => this.sessions)
    const started = this.sessions.find((s) => s.kind === 'marked' && s.open && !before.has(s.id))
    if (started) this.sessionId = started.id
    else if (before.get(this.sessionId) === this.session?.open) return
    await this.loadEvents().catch((err: Error) => (this.error = err.message))
  }

  /** Shows a moment (a snapshot's), widening the timeline to the whole board if it lies outside. */
  private async openMoment(t: number): Promise<void> {
    this.playhead.pause()
    if (t < this.playhead.start || t > this.playhead.end) {
      this.sessionId = ''
      await this.loadEvents().catch((err: Error) => (this.error = err.message))
    }
    this.playhead.jump(t)
  }

  private indexEvents(): void {
    const events = this.playhead.events
    this.uptakeSeqs = uptakeEvents(events)
    this.personIndex = new Map(participantsOf(events).map((p, i) => [p.id, i]))
    this.descriptions = describeEvents(events, this.mapBefore)
  }

  private async poll(): Promise<void> {
    if (!this.api || this.error) return
    try {
      if (this.live) {
        const head = this.playhead
        const fresh = await this.api.events(head.events.at(-1)?.seq ?? 0, this.sessionId || undefined)
        head.extend(fresh, Math.max(Date.now(), fresh.at(-1)?.at ?? head.events.at(-1)?.at ?? 0))
        if (fresh.length > 0) this.indexEvents()
      }
    } catch {
      // A missed poll is retried on the next tick.
    }
  }

  /** The event list from the keyboard: arrows step to the previous or next event, Home and End to the first and last. */
  private readonly onEventsKey = (e: KeyboardEvent): void => {
    const head = this.playhead
    const last = head.events.length - 1
    if (last < 0 || e.altKey || e.ctrlKey || e.metaKey) return
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') head.step(e.key === 'ArrowUp' ? -1 : 1)
    else if (e.key === 'Home' || e.key === 'End') {
      head.jump(head.events[e.key === 'Home' ? 0 : last]!.at)
      // The list's own Home and End too: the first moment may be several events down.
      const list = e.currentTarget as HTMLElement
      list.scrollTop = e.key === 'Home' ? 0 : list.scrollHeight
    } else return
    e.preventDefault()
    const index = lastIndexAt(head.events, head.t)
    const event = head.events[index]
    this.stepped = event ? `Event ${index + 1} of ${last + 1}, ${clock(event.at)}: ${this.descriptions[index] ?? ''}` : 'Before the first event'
  }

  private onScrub(e: Event): void {
    this.playhead.scrub(Number((e.target as HTMLInputElement).value))
  }

  private async onSession(e: Event): Promise<void> {
    this.playhead.pause()
    this.sessionId = (e.target as HTMLSelectElement).value
    this.playhead.map = null
    await this.loadEvents().catch((err: Error) => (this.error = err.message))
  }

  /**
   * Keeps the current event in view by scrolling the list alone: scrollIntoView also scrolled the
   * page, which on a phone (the list under the map) pulled the map off screen at every step.
   */
  override updated(): void {
    const list = this.renderRoot.querySelector<HTMLElement>('ol.events')
    const current = list?.querySelector('li[aria-current="true"]')
    if (!list || !current) return
    // The list's inside, within its border: the first event scrolled into view leaves it at the top.
    const top = list.getBoundingClientRect().top + list.clientTop
    const box = { top, bottom: top + list.clientHeight }
    const item = current.getBoundingClientRect()
    if (item.top < box.top) list.scrollTop -= box.top - item.top
    else if (item.bottom > box.bottom) list.scrollTop += Math.min(item.bottom - box.bottom, item.top - box.top)
  }

  override render() {
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`
    const head = this.playhead
    const index = lastIndexAt(head.events, head.t)
    const from = Math.max(0, index - LIST_WINDOW)
    const shown = head.events.slice(from, index + LIST_WINDOW)
    const people = participantsOf(head.events)
    const { fills, dimmed, uptake } = mapDecorations({
      events: head.events,
      t: head.t,
      map: head.map,
      colourBy: this.colourBy,
      personIndex: this.personIndex,
      highlight: this.highlight,
      uptakeSeqs: this.showUptake ? this.uptakeSeqs : null
    })
    return html`
      <header>
        <h1>Replay: ${this.boardTitle}</h1>
        <label>
          Session
          <select @change=${this.onSession} .value=${this.sessionId}>
            <option value="" .selected=${this.sessionId === ''}>The whole board</option>
            ${this.sessions.map(
              (s) =>
                html`<option value=${s.id} .selected=${s.id === this.sessionId}>
                  ${s.name ?? 'Activity'} · ${new Date(s.start).toLocaleString()}${s.open ? ' (running)' : ''}
                </option>`
            )}
          </select>
        </label>
      </header>
      <section class="controls" aria-label="Timeline">
        <button type="button" class="prev" @click=${() => head.step(-1)}>◀ Previous event</button>
        ${head.playing
          ? html`<button type="button" class="play" @click=${() => head.pause()}>Pause</button>`
          : html`<button type="button" class="play" @click=${() => head.play()}>▶ Play</button>`}
        <button type="button" class="next" @click=${() => head.step(1)}>Next event ▶</button>
        <input
          class="scrubber"
          type="range"
          aria-label="Moment"
          min=${head.start}
          max=${head.end}
          step="1"
          .value=${String(head.t)}
          @input=${this.onScrub}
        />
        <output class="clock" aria-live="off">${clock(head.t)}</output>
        <label>
          Speed
          <select class="speed" @change=${(e: Event) => (head.speed = Number((e.target as HTMLSelectElement).value))}>
            ${SPEEDS.map((s) => html`<option value=${s} .selected=${s === head.speed}>${s}×</option>`)}
          </select>
        </label>
      </section>
      <section class="options" aria-label="Display">
        <label>
          Colour by
          <select @change=${(e: Event) => (this.colourBy = (e.target as HTMLSelectElement).value as ColourBy)}>
            <option value="group">side (brand / customer)</option>
            <option value="person">person</option>
          </select>
        </label>
        <label>
          Highlight
          <select class="highlight" @change=${(e: Event) => (this.highlight = (e.target as HTMLSelectElement).value)}>
            <option value="">everyone</option>
            <option value="B">the brand side</option>
            <option value="U">the customer side</option>
            ${people.map((p) => html`<option value=${p.id}>${p.name ?? p.id} (${p.role})</option>`)}
          </select>
        </label>
        <label>
          <input type="checkbox" .checked=${this.showUptake} @change=${(e: Event) => (this.showUptake = (e.target as HTMLInputElement).checked)} />
          Show where one side built on the other's ideas
        </label>
        <span class="legend">
          ${this.colourBy === 'group'
            ? ['brand', 'customer', 'facilitator'].map(
                (role) =>
                  html`<span style="background:${colourOf({ id: role, name: null, role: role as ReplayRole }, 'group', this.personIndex)}"
                    >${role === 'facilitator' ? 'other' : role}</span
                  >`
              )
            : people.map((p) => html`<span style="background:${colourOf(p, 'person', this.personIndex)}">${p.name ?? p.id}</span>`)}
        </span>
      </section>
      <div class="body">
        <cg-replay-map .map=${head.map} .fills=${fills} .dimmed=${dimmed} .uptake=${uptake}></cg-replay-map>
        <div class="side">
        <!-- In the tab order: a list that scrolls must be scrollable without a mouse (axe: scrollable-region-focusable),
             and its events reachable: the arrows step through them (onEventsKey), as a click on one jumps there. -->
        <ol class="events" aria-label="Events" aria-keyshortcuts="ArrowUp ArrowDown Home End" tabindex="0" start=${from + 1} @keydown=${this.onEventsKey}>
          ${shown.map((e, i) => {
            const current = from + i === index
            return html`<li
              data-seq=${e.seq}
              aria-current=${current ? 'true' : 'false'}
              class="${e.at > head.t ? 'future' : ''} ${isHighlighted(e, this.highlight) ? '' : 'faded'}"
              @click=${() => head.jump(e.at)}
            >
              <time>${clock(e.at)}</time>
              <span class="what">${this.descriptions[from + i]}</span>
              ${this.showUptake && this.uptakeSeqs.has(e.seq) ? html`<span class="badge">builds on the other side</span>` : nothing}
            </li>`
          })}
        </ol>
        <p class="sr-only stepped" role="status">${this.stepped}</p>
        <cg-snapshot-panel
          .api=${this.api}
          .moment=${this.live && head.following ? null : head.t}
          .sessions=${this.sessions}
          @open-moment=${(e: CustomEvent<number>) => void this.openMoment(e.detail)}
          @changed=${() => void this.reloadSessions()}
        ></cg-snapshot-panel>
        </div>
      </div>
    `
  }
}

customElements.define('cg-replay', CgReplay)

declare global {
  interface HTMLElementTagNameMap {
    'cg-replay': CgReplay
  }
}

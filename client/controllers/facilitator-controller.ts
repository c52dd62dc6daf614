import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { LiveBoardState, MapView } from '../../shared/sync/board-events'
import { BOARD_API } from '../../shared/api/routes/board-routes'
import { HISTORY_API } from '../../shared/api/routes/history-routes'
import { LIVE_API } from '../../shared/api/routes/live-routes'
import { boardClient, boardParams, type BoardTarget } from '../board/board-api'
import { hourMinute } from '../model/clock-time'

/** What a facilitator can do from the board (the bar's buttons). */
export type FacilitatorAction =
  | 'start-session'
  | 'end-session'
  | 'lock'
  | 'unlock'
  | 'snapshot'
  | 'stop-timer'
  | 'bring-everyone'
  | 'close-vote'
  | { timer: number }
  | { vote: number }

/**
 * The facilitator's controls on the board: sessions, the lock, snapshots, the timer and "bring
 * everyone here", each one call of the board's HTTP API (the server checks the token is a
 * facilitator's). The effect comes back to every board on message 101; `message` is the visible
 * confirmation (or why it failed) for the one who did it.
 */
export class FacilitatorController implements ReactiveController {
  /** The action on its way, if any (its button shows it, the others wait). */
  busy: string | null = null
  message = ''
  failed = false
  private clearTimer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: () => BoardTarget
  ) {
    host.addController(this)
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    if (this.clearTimer) clearTimeout(this.clearTimer)
  }

  async run(action: FacilitatorAction, live: LiveBoardState | null, view: () => MapView | null): Promise<void> {
    if (this.busy) return
    const key = typeof action === 'string' ? action : 'timer' in action ? 'timer' : 'vote'
    this.busy = key
    this.host.requestUpdate()
    try {
      this.show(await this.perform(action, live, view), false)
    } catch (e) {
      this.show(`${FAILED[key] ?? 'That did not work'}: ${(e as Error).message.replace(/\.$/, '')}.`, true)
    } finally {
      this.busy = null
      this.host.requestUpdate()
    }
  }

  private async perform(action: FacilitatorAction, live: LiveBoardState | null, view: () => MapView | null): Promise<string> {
    const t = this.target()
    const api = boardClient(t)
    const params = boardParams(t)
    if (typeof action !== 'string' && 'vote' in action) {
      const r = await api.call(LIVE_API.openVoteRound, { params, body: { dots: action.vote } })
      return `${r.name} open: brand and customer participants each place ${r.dots} dot${r.dots === 1 ? '' : 's'} on concepts.`
    }
    if (typeof action !== 'string') {
      await api.call(LIVE_API.startTimer, { params, body: { seconds: action.timer } })
      return `Timer started: ${Math.round(action.timer / 60)} minutes, for everyone.`
    }
    switch (action) {
      case 'start-session': {
        const s = await api.call(HISTORY_API.startSession, { params, body: {} })
        return `${s.name ?? 'The session'} started.`
      }
      case 'end-session': {
        const s = await api.call(HISTORY_API.endSession, { params })
        return `${s.name ?? 'The session'} ended: ${span(s.start, s.end)}. Brand and customer participants are asked the pulse questions.`
      }
      case 'lock':
      case 'unlock':
        await api.call(BOARD_API.patchBoard, { params, body: { locked: action === 'lock' } })
        return action === 'lock' ? 'Board locked: only facilitators can change it now.' : 'Board unlocked: everyone can edit again.'
      case 'snapshot': {
        const s = await api.call(HISTORY_API.takeSnapshot, { params, body: {} })
        return `Snapshot “${s.name}” taken at ${hourMinute(s.at)}.`
      }
      case 'stop-timer':
        await api.call(LIVE_API.stopTimer, { params })
        return live?.timer ? 'Timer stopped.' : 'No timer was running.'
      case 'close-vote': {
        const round = live?.vote
        if (!round?.open) return 'No dot vote is open.'
        const r = await api.call(LIVE_API.closeVoteRound, { params: { ...params, rid: round.id } })
        return `${r.name} closed: everyone sees the totals now.`
      }
      case 'bring-everyone': {
        const v = view()
        if (!v) throw new Error('the map is not on screen yet')
        const { told } = await api.call(LIVE_API.bringEveryone, { params, body: { view: v } })
        return told > 1 ? 'Everyone on the board now sees what you see.' : 'Everyone on the board now sees what you see (nobody else is here yet).'
      }
    }
  }

  private show(text: string, failed: boolean): void {
    this.message = text
    this.failed = failed
    if (this.clearTimer) clearTimeout(this.clearTimer)
    // A confirmation stays long enough to be read, then makes room; a failure stays until the next action.
    if (!failed)
      this.clearTimer = setTimeout(() => {
        this.message = ''
        this.host.requestUpdate()
      }, 12_000)
    this.host.requestUpdate()
  }
}

const FAILED: Record<string, string> = {
  'start-session': 'The session could not be started',
  'end-session': 'The session could not be ended',
  lock: 'The board could not be locked',
  unlock: 'The board could not be unlocked',
  snapshot: 'The snapshot could not be taken',
  timer: 'The timer could not be started',
  'stop-timer': 'The timer could not be stopped',
  'bring-everyone': 'Everyone could not be brought here',
  vote: 'The dot vote could not be opened',
  'close-vote': 'The dot vote could not be closed'
}


/** "14:02–14:31 (29 min)": what an ended session covered. */
function span(start: number, end: number): string {
  const minutes = Math.max(0, Math.round((end - start) / 60_000))
  return `${hourMinute(start)}–${hourMinute(end)} (${minutes < 1 ? 'under a minute' : `${minutes} min`})`
}

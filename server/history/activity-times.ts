import { SYSTEM_PARTICIPANT_ID } from '../sync/server-changes'
import type { HistoryRecorder } from './history-recorder'
import { visitRecords } from './history-reader'

/**
 * The arrival times of a board's entries made by people (the server's own changes, such as the
 * board's creation, are no activity), for splitting sessions at quiet gaps. Read once from the
 * derived history when first asked, then kept up to date as records are written.
 */
export class ActivityTimes {
  private times: number[] | null = null
  private loadedTo = 0
  private loading: Promise<number[]> | null = null
  /** Records written while the first read runs; merged in when it ends. */
  private arrivedWhileLoading: Array<{ seq: number; at: number }> = []

  constructor(private readonly recorder: HistoryRecorder) {
    recorder.onRecord(({ seq, at, participantId }) => {
      if (participantId === SYSTEM_PARTICIPANT_ID) return
      if (this.times !== null) {
        if (seq > this.loadedTo) {
          this.times.push(at)
          this.loadedTo = seq
        }
      } else if (this.loading) this.arrivedWhileLoading.push({ seq, at })
    })
  }

  /** Times in ascending order (the array is shared: do not change it). */
  async get(): Promise<number[]> {
    // Live records are written in batches: first let everything accepted so far reach the listener.
    if (this.times) {
      await this.recorder.settled().catch(() => {})
      if (this.times) return this.times
    }
    this.loading ??= this.load().finally(() => {
      this.loading = null
    })
    return this.loading
  }

  private async load(): Promise<number[]> {
    this.arrivedWhileLoading = []
    const { store } = await this.recorder.settled()
    const times: number[] = []
    let last = 0
    await visitRecords(
      store,
      0,
      (r) => {
        if (r.participantId !== SYSTEM_PARTICIPANT_ID) times.push(r.at)
        last = r.seq
        return true
      },
      5000
    )
    for (const a of this.arrivedWhileLoading) {
      if (a.seq > last) {
        times.push(a.at)
        last = a.seq
      }
    }
    this.arrivedWhileLoading = []
    this.times = times
    this.loadedTo = last
    return times
  }
}

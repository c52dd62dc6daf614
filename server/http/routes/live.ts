import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { LiveQuery } from '../../../shared/api/schemas/live'
import type { BoardSession } from '../../../shared/api/sessions'
import { systemClock } from '../../clock'
import { liveProfile, liveScope } from '../../live/live-profile'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { validate } from '../validate'
import { historyFeatures, historyManagers, sessionParam } from './history-scope'

export interface LiveStreamOptions {
  /** Fewest milliseconds between two `profile` events (the contract: at most one a second). */
  minIntervalMs: number
  /** A heartbeat comment at least this often (the contract: every 15 s at most apart). */
  heartbeatMs: number
  /** Open streams per board: each costs a profile read per change, so a board refuses more (429). */
  maxPerBoard: number
}

export const LIVE_STREAM_DEFAULTS: LiveStreamOptions = { minIntervalMs: 1000, heartbeatMs: 5000, maxPerBoard: 16 }

/**
 * `GET /api/boards/:id/live[?session=ID]` (admin or a facilitator of the board) → server-sent
 * events: `profile` on connect, then at most once a second while the board changes (an accepted
 * entry, a participant connecting for the first time, a session or vote round starting or ending),
 * and a heartbeat comment in between. The board is checked for change once per interval (cheap:
 * counters and the stored rounds); the profile is read only when something changed.
 */
export function liveRoutes(deps: AppDeps, options: LiveStreamOptions = LIVE_STREAM_DEFAULTS) {
  const open = new Map<string, number>()
  return new Hono<AppEnv>().get('/:id/live', historyManagers(deps), validate('query', LiveQuery), async (c) => {
    const { board } = c.var
    const { history, sessions } = historyFeatures(deps)
    const named = await sessionParam(deps, board.id, c.req.valid('query').session)
    if ((open.get(board.id) ?? 0) >= options.maxPerBoard) throw fail(429, `at most ${options.maxPerBoard} live streams per board`)
    open.set(board.id, (open.get(board.id) ?? 0) + 1)
    const metricsDeps = { history, metadata: deps.store.metadata }
    c.header('Cache-Control', 'no-store')
    // Proxies that buffer (nginx) would hold the events back.
    c.header('X-Accel-Buffering', 'no')
    return streamSSE(
      c,
      async (stream) => {
        let closed = false
        let wake: (() => void) | null = null
        const stop = () => {
          closed = true
          wake?.()
        }
        stream.onAbort(stop)
        // On the server's clock, so a test moves the stream's pace and heartbeat on instead of sleeping.
        const clock = deps.clock ?? systemClock
        const sleep = (ms: number) =>
          new Promise<void>((resolve) => {
            const timer = clock.setTimeout(done, ms)
            function done() {
              clock.clearTimeout(timer)
              wake = null
              resolve()
            }
            wake = done
          })
        let lastSent = ''
        let lastWrite = deps.now()
        try {
          while (!closed) {
            const started = deps.now()
            const scope = await liveScope(sessions, board.id, named)
            const mark = await fingerprint(deps, board.id, scope)
            if (closed) break
            if (mark !== lastSent) {
              const data = await liveProfile(metricsDeps, board.id, deps.now(), scope)
              if (closed) break
              await stream.writeSSE({ event: 'profile', data: JSON.stringify(data) })
              lastSent = mark
              lastWrite = deps.now()
            } else if (deps.now() - lastWrite >= options.heartbeatMs - options.minIntervalMs) {
              await stream.write(': heartbeat\n\n')
              lastWrite = deps.now()
            }
            await sleep(Math.max(0, options.minIntervalMs - (deps.now() - started)))
          }
        } finally {
          const n = (open.get(board.id) ?? 1) - 1
          if (n <= 0) open.delete(board.id)
          else open.set(board.id, n)
        }
      },
      async (err, stream) => {
        deps.log.warn({ board: board.id, err }, 'live stream failed')
        await stream.writeSSE({ event: 'error', data: JSON.stringify({ error: 'the live profile cannot be read now' }) }).catch(() => {})
      }
    )
  })
}

/** What, when it changes, changes the profile: the board's last seq, who has connected, the scope, the rounds and pulses. */
async function fingerprint(deps: AppDeps, boardId: string, scope: BoardSession | null): Promise<string> {
  const metadata = deps.store.metadata
  const [room, participants, rounds, pulses] = await Promise.all([
    deps.registry.room(boardId),
    metadata.listParticipants(boardId),
    metadata.listVoteRounds(boardId),
    metadata.listPulses(boardId)
  ])
  const connected = participants.filter((p) => p.firstConnectedAt !== null).length
  const closedRounds = rounds.filter((r) => r.closedAt !== null).length
  return `${room.seq}|${connected}|${scope?.id ?? ''}|${scope?.open ?? ''}|${closedRounds}|${pulses.length}`
}

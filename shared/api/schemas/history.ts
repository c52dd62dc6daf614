import { z } from 'zod'
import { PULSE_ITEMS } from '../../metrics/pulse'
import { epochMs, flag, optionalBody, optionalText, queryInt, queryText, strictBody, wholeNumber } from './fields'

/** The bodies and queries of the history routes (docs/api.md, "History, replay and snapshots"). */

export const HISTORY_LIMITS = { maxSessionName: 200, maxSnapshotName: 200, maxSessionId: 200 } as const

/** POST /api/boards/:id/sessions/start: the body may be left out. */
export const StartSessionBody = optionalBody(z.object({ name: optionalText('name', HISTORY_LIMITS.maxSessionName) }))

/** POST /api/boards/:id/snapshots: a name, and the moment (default now); the body may be left out. */
export const SnapshotBody = optionalBody(
  z.object({ name: optionalText('name', HISTORY_LIMITS.maxSnapshotName), at: epochMs('at').nullish() })
)

const pulseItem = (name: string) => wholeNumber(1, 5, `${name} must be an integer from 1 to 5, or null`).nullish()

/**
 * POST /api/boards/:id/pulse: the three items (each 1–5, omitted or null: not answered), the session,
 * and `replace` (false: keep an earlier set rather than replace it), nothing else.
 */
export const PulseBody = strictBody({
  session: z
    .string({ error: 'session must be a session id' })
    .min(1, { error: 'session must be a session id' })
    .max(HISTORY_LIMITS.maxSessionId, { error: 'session must be a session id' })
    .nullish(),
  replace: flag('replace').optional(),
  ...(Object.fromEntries(PULSE_ITEMS.map((item) => [item, pulseItem(item)])) as Record<(typeof PULSE_ITEMS)[number], ReturnType<typeof pulseItem>>)
})

/** `?session=ID`: scopes a read to one session. */
export const SessionQuery = z.object({ session: queryText() })

/** GET …/history. */
export const HistoryQuery = z.object({ session: queryText(), after: queryInt('after'), limit: queryInt('limit') })

/** GET …/map: `at` epoch ms (default now). */
export const MapQuery = z.object({ session: queryText(), at: queryInt('at', 'at must be epoch milliseconds') })

/** GET …/metrics: as …/map, and `baseline=1` for the permutation baseline. */
export const MetricsQuery = MapQuery.extend({
  baseline: z
    .enum(['', '0', 'false', '1', 'true'], { error: 'baseline must be 1 or 0' })
    .optional()
    .transform((v) => v === '1' || v === 'true')
})

/** GET …/snapshots/compare?a=SID&b=SID. */
export const CompareSnapshotsQuery = z.object({
  a: z.string({ error: 'a and b must name two snapshots' }).min(1, { error: 'a and b must name two snapshots' }),
  b: z.string({ error: 'a and b must name two snapshots' }).min(1, { error: 'a and b must name two snapshots' })
})

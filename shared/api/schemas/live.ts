import { z } from 'zod'
import { EXPORT_FORMATS, isExportFormat } from '../../exchange/export-map'
import { isMapView, TIMER_LIMITS, type MapView } from '../../sync/board-events'
import { VOTE_LIMITS } from '../votes'
import { optionalBody, queryText, strictBody, text, wholeNumber } from './fields'

/** The bodies of what a facilitator does live (docs/api.md, "Board events"; contract "Facilitating live"). */

/** PUT /api/boards/:id/timer. */
export const TimerBody = z.object({
  seconds: wholeNumber(TIMER_LIMITS.minSeconds, TIMER_LIMITS.maxSeconds, `seconds must be a whole number from ${TIMER_LIMITS.minSeconds} to ${TIMER_LIMITS.maxSeconds}`)
})

/** POST /api/boards/:id/bring-everyone: a rectangle of the map. */
export const BringEveryoneBody = z.object({
  view: z
    .custom<MapView>((v) => isMapView(v), { error: 'view must be {x, y, w, h}: finite numbers on the map, w and h above 0' })
    .transform(({ x, y, w, h }) => ({ x, y, w, h }))
})

/** POST /api/boards/:id/vote-rounds `{name?, dots?}`; the body may be left out. An empty name gets a numbered one. */
export const OpenRoundBody = optionalBody(
  strictBody({
    name: text('name', VOTE_LIMITS.maxNameLength).nullish(),
    dots: wholeNumber(VOTE_LIMITS.minDots, VOTE_LIMITS.maxDots, `dots must be a whole number from ${VOTE_LIMITS.minDots} to ${VOTE_LIMITS.maxDots}`)
      .nullish()
      .transform((v) => v ?? VOTE_LIMITS.defaultDots)
  })
)

/**
 * PUT /api/boards/:id/vote-rounds/:rid/ballot `{dots: {conceptId: n}}`: the shape; the server then
 * checks the counts against the round and the concepts on the board now (server/votes/ballot.ts).
 */
export const BallotBody = strictBody({
  // Passed through as parsed (no copy), so a concept id such as "__proto__" stays a key like any other.
  dots: z.custom<Record<string, unknown>>((d) => typeof d === 'object' && d !== null && !Array.isArray(d), {
    error: 'dots must be an object of concept id → number of dots'
  })
})

/** POST /api/boards/:id/export-tickets. */
export const ExportTicketBody = z.object({
  format: z.custom<(typeof EXPORT_FORMATS)[number]>((v) => isExportFormat(v), { error: `format must be one of: ${EXPORT_FORMATS.join(', ')}` })
})

/**
 * GET /api/boards/:id/live[?session=ID][&ticket=T]: the session to score (404 when the board has none
 * by that id), and the single-use ticket a page opens the stream with (spent by the token check).
 */
export const LiveQuery = z.object({ session: queryText(), ticket: queryText() })

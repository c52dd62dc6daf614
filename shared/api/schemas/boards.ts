import { z } from 'zod'
import { CONTENT_LIMITS } from '../../schema/element-fields'
import { isExactOrigin, MAX_ALLOWED_ORIGINS } from '../origin'
import { flag, nonEmptyText, optionalText, text } from './fields'

/** The bodies of the board routes (docs/api.md, "Boards"); the route table is `../routes.ts`. */

const { maxTitleLength, maxFocusQuestionLength } = CONTENT_LIMITS

/** POST /api/boards. */
export const CreateBoardBody = z.object({
  title: nonEmptyText('title', maxTitleLength),
  focusQuestion: optionalText('focusQuestion', maxFocusQuestionLength)
})

/** An embed allow-list: exact origins, at most MAX_ALLOWED_ORIGINS, duplicates dropped. */
const allowedOrigins = z
  .array(z.unknown(), { error: 'allowedOrigins must be an array of origins' })
  .max(MAX_ALLOWED_ORIGINS, { error: `allowedOrigins holds at most ${MAX_ALLOWED_ORIGINS} origins` })
  .superRefine((origins, ctx) => {
    const bad = origins.find((o) => !isExactOrigin(o))
    if (bad === undefined) return
    const shown = typeof bad === 'string' ? bad.slice(0, 80) : typeof bad
    ctx.addIssue({ code: 'custom', message: `allowedOrigins: "${shown}" is not an origin; write exactly scheme://host[:port], e.g. https://partner.example` })
  })
  .transform((origins) => [...new Set(origins as string[])])

/** PATCH /api/boards/:id: any of these, nothing else. */
export const PatchBoardBody = z.strictObject(
  {
    title: nonEmptyText('title', maxTitleLength).optional(),
    focusQuestion: text('focusQuestion', maxFocusQuestionLength).optional(),
    locked: flag('locked').optional(),
    archived: flag('archived').optional(),
    allowedOrigins: allowedOrigins.optional()
  },
  {
    error: (iss) =>
      iss.code === 'unrecognized_keys' ? `unknown field ${iss.keys[0]}; expected title, focusQuestion, locked, archived or allowedOrigins` : undefined
  }
)

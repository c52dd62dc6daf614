import { z } from 'zod'
import { INVITE_LIMITS } from '../access'
import { queryText } from './fields'

/** The body and query of /api/join (docs/api.md, "People, access and embedding"). */

// Control characters and bidirectional overrides would let a name hide or reorder what others see.
const UNSAFE_IN_NAMES = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u

/**
 * The group link's token may travel in the body (else as Bearer or ?token=; a body token that is not
 * a string is not one); the name is checked only once the link is known good (`JoinName`), so a dead
 * link is told 401 whatever name came with it.
 */
export const JoinBody = z.object({
  token: z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' ? v : undefined)),
  name: z.unknown().optional()
})

/** The name a person types: spaces collapsed, not empty, at most 100 characters, nothing that hides text. */
export const JoinName = z
  .string({ error: 'name is required' })
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, { error: 'name must not be empty' })
      .max(INVITE_LIMITS.maxNameLength, { error: `name is longer than ${INVITE_LIMITS.maxNameLength} characters` })
      .refine((s) => !UNSAFE_IN_NAMES.test(s), { error: 'name holds control characters' })
  )

/**
 * GET and POST /api/join[?token=T]: the group link's token may travel in the query (else as Bearer,
 * or in POST's body); whether it is good is the route's to say (401), never the schema's.
 */
export const GroupLinkQuery = z.object({ token: queryText() })

import { z } from 'zod'
import { ROLES } from '../../roles'
import { INVITE_LIMITS } from '../access'
import { flag, optionalBody, optionalText, wholeNumber } from './fields'

/** The bodies of the invite and people routes (docs/api.md, "People, access and embedding"). */

/** POST /api/boards/:id/invites: a personal invite, or (group: true) a group link. */
export const InviteBody = z
  .object({
    role: z.enum(ROLES, { error: 'role must be one of facilitator, brand, customer, viewer' }),
    name: optionalText('name', INVITE_LIMITS.maxNameLength),
    ttlSeconds: wholeNumber(1, INVITE_LIMITS.maxTtlSeconds, `ttlSeconds must be an integer from 1 to ${INVITE_LIMITS.maxTtlSeconds}`)
      .nullish()
      .transform((v) => v ?? INVITE_LIMITS.defaultTtlSeconds),
    group: flag('group').optional(),
    label: optionalText('label', INVITE_LIMITS.maxLabelLength)
  })
  .refine((b) => !(b.group === true && b.role === 'facilitator'), {
    error: 'group links are for brand, customer or viewer; invite facilitators one by one'
  })

/** POST /api/boards/:id/invites/:iid/revoke: the body may be left out. */
export const RevokeInviteBody = optionalBody(z.object({ keepMembers: flag('keepMembers').optional() }))

import { z } from 'zod'
import { ROLES } from '../../roles'
import type { Me } from '../access'
import type { EmbedAllowed, OEmbed } from '../embed'
import type { GroupInfo, Joined } from '../join'
import type { Ticket } from '../routes/live-routes'

/**
 * What some routes answer, as schemas: a test parses each real answer with its route's schema, so an
 * answer that drifts from the shared type fails at run time too (the types check the handlers at
 * typecheck, server/http/answer.ts). Each is declared as a schema *of* its shared type, so the schema
 * cannot drift from the type either. Strict: a field the type does not name is a drift as well.
 */

const role = z.enum(ROLES)
const isoTime = z.iso.datetime()

export const MeAnswer: z.ZodType<Me> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('admin') }),
  z.strictObject({
    kind: z.literal('participant'),
    boardId: z.string(),
    role,
    participantId: z.string(),
    name: z.string().nullable(),
    expiresAt: isoTime
  })
])

export const GroupInfoAnswer: z.ZodType<GroupInfo> = z.strictObject({
  boardId: z.string(),
  title: z.string(),
  focusQuestion: z.string(),
  role,
  label: z.string().nullable(),
  expiresAt: isoTime
})

export const JoinedAnswer: z.ZodType<Joined> = z.strictObject({
  token: z.string(),
  url: z.url(),
  boardId: z.string(),
  role,
  name: z.string(),
  participantId: z.string(),
  inviteId: z.string(),
  expiresAt: isoTime
})

export const TicketAnswer: z.ZodType<Ticket> = z.strictObject({ ticket: z.string(), expiresAt: z.number().int() })

export const EmbedAllowedAnswer: z.ZodType<EmbedAllowed> = z.strictObject({ allowed: z.boolean() })

export const OEmbedAnswer: z.ZodType<OEmbed> = z.strictObject({
  version: z.literal('1.0'),
  type: z.literal('rich'),
  provider_name: z.string(),
  provider_url: z.url(),
  title: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  html: z.string()
})

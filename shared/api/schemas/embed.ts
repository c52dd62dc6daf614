import { z } from 'zod'
import { OEMBED_SIZE } from '../embed'

/** The query of the oEmbed endpoint (docs/api.md, "People, access and embedding"; oEmbed 1.0 §2.2). */

const SIZE_WORDS = 'maxwidth and maxheight must be positive integers'

/** `maxwidth`/`maxheight`: a positive integer, at most the default (larger asks get the default). */
const bound = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return fallback
      const n = Number(raw)
      if (!Number.isInteger(n) || n < 1) {
        ctx.issues.push({ code: 'custom', message: SIZE_WORDS, input: raw })
        return z.NEVER
      }
      return Math.min(n, fallback)
    })

/**
 * GET /oembed?url=URL[&format=json][&maxwidth=W][&maxheight=H]. The format is checked first, as
 * oEmbed asks: anything but json is a 501 (`FORMAT_NOT_SUPPORTED`), not a 400. Whether `url` is a
 * board URL of this service (404) and carries an invite of that board (401) is the route's to say.
 */
export const OEmbedQuery = z.object({
  format: z
    .string()
    .optional()
    .refine((f) => f === undefined || f === 'json', { error: (iss) => `format ${String(iss.input).slice(0, 20)} is not supported; use json` }),
  url: z.string({ error: 'url is required' }).min(1, { error: 'url is required' }),
  maxwidth: bound(OEMBED_SIZE.width),
  maxheight: bound(OEMBED_SIZE.height)
})

/** Whether a refusal of OEmbedQuery is its format's (answered 501). */
export const isFormatRefusal = (issue: z.core.$ZodIssue): boolean => issue.path[0] === 'format'

import { z } from 'zod'
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from '../../exchange/export-map'
import { IMPORT_FORMATS, isImportFormat, type ImportFormat } from '../../exchange/import-formats'
import { PNG_SCALE } from '../../exchange/png-scale'
import { CONTENT_LIMITS } from '../../schema/element-fields'
import { isStreamFormat, STREAM_FORMATS, type StreamFormat } from '../../stream/parse-stream'
import { queryInt, queryText } from './fields'

/**
 * The queries of the routes that take a file (docs/api.md, "Export and import", "The stream"). The
 * file itself is read by the exchange parsers; an unknown format is refused with the reason
 * `unknown-format`, as those parsers refuse a file they cannot read with theirs.
 */

/** POST /api/boards/import?format=cxl|json[&title=…]. */
export const ImportQuery = z.object({
  format: z.custom<ImportFormat>((v) => isImportFormat(v), { error: `format must be one of: ${IMPORT_FORMATS.join(', ')}` }),
  title: z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(CONTENT_LIMITS.maxTitleLength, { error: `title is longer than ${CONTENT_LIMITS.maxTitleLength} characters` }))
})

/** POST /api/boards/:id/stream?format=csv|jsonl|txt|rss. */
export const StreamQuery = z.object({
  format: z.custom<StreamFormat>((v) => isStreamFormat(v), { error: `format must be one of: ${STREAM_FORMATS.join(', ')}` })
})

const onOff = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((raw) => (raw === undefined || raw === '' ? fallback : !['0', 'false', 'no', 'off'].includes(raw.toLowerCase())))

/**
 * GET /api/boards/:id/export?format=F[&at=MS|&snapshot=SID|&session=ID][&scale=S][&groups=1][&heading=0]:
 * at most one of at, snapshot and session; `scale` (PNG only) from PNG_SCALE.min to .max.
 */
export const ExportQuery = z
  .object({
    format: z.custom<ExportFormat>((v) => isExportFormat(v), { error: `format must be one of: ${EXPORT_FORMATS.join(', ')}` }),
    scale: z.string().optional(),
    at: queryInt('at', 'at must be epoch milliseconds'),
    snapshot: queryText(),
    session: queryText(),
    groups: onOff(false),
    heading: onOff(true),
    /** A single-use download ticket instead of a token (our pages' links): spent by the token check, not read here. */
    ticket: queryText()
  })
  .transform((q, ctx) => {
    let scale = 1
    // Read for PNG only, as before: another format ignores it.
    if (q.format === 'png' && q.scale !== undefined && q.scale !== '') {
      scale = Number(q.scale)
      if (!Number.isFinite(scale) || scale < PNG_SCALE.min || scale > PNG_SCALE.max) {
        ctx.issues.push({ code: 'custom', message: `scale must be a number from ${PNG_SCALE.min} to ${PNG_SCALE.max}`, input: q.scale, path: ['scale'] })
        return z.NEVER
      }
    }
    if ([q.at !== undefined, Boolean(q.snapshot), Boolean(q.session)].filter(Boolean).length > 1) {
      ctx.issues.push({ code: 'custom', message: 'give at most one of at, snapshot and session', input: q })
      return z.NEVER
    }
    return { ...q, scale }
  })

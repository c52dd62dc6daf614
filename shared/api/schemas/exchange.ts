import { z } from 'zod'
import { IMPORT_FORMATS, isImportFormat, type ImportFormat } from '../../exchange/import-formats'
import { CONTENT_LIMITS } from '../../schema/element-fields'
import { isStreamFormat, STREAM_FORMATS, type StreamFormat } from '../../stream/parse-stream'

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

import type { z } from 'zod'
import type { ImportedBoard } from '../boards'
import { route, type RawFile } from '../route'
import type { ExportQuery, ImportQuery, StreamQuery } from '../schemas/exchange'

/**
 * What POST …/stream answers: items added, items skipped (already there or unusable), the stream's
 * size after, and how many items were cut to the item length limit (docs/api.md, "The stream").
 */
export interface StreamUpload {
  added: number
  skipped: number
  total: number
  shortened: number
}

/**
 * The routes that take or give a file as it is (docs/api.md, "Export and import", "The stream"). Their
 * queries are checked by the schemas named here; their bodies are files, read by the exchange parsers
 * (a file that cannot be read is a 400 `{error, reason}`).
 */
export const EXCHANGE_API = {
  importBoard: route<ImportedBoard, z.input<typeof ImportQuery>, RawFile>()('POST', '/api/boards/import'),
  uploadStream: route<StreamUpload, z.input<typeof StreamQuery>, RawFile>()('POST', '/api/boards/:id/stream'),
  /** The map as a file in the asked format: a page follows its URL (with a download ticket), it is never fetched as JSON. */
  exportBoard: route<never, z.input<typeof ExportQuery>>()('GET', '/api/boards/:id/export')
} as const

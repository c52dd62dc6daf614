import type { ImportedBoard } from '../boards'
import { route, type RawFile } from '../route'

/** What POST …/stream answers: items added, items skipped (already there or unusable), the stream's size after. */
export interface StreamUpload {
  added: number
  skipped: number
  total: number
}

/**
 * The routes that take a file as it is (docs/api.md, "Export and import", "The stream"). Their bodies
 * are files, read by the exchange parsers (a file that cannot be read is a 400 with the reason), so
 * no JSON schema checks them; the table still gives the client their paths, queries and answers.
 */
export const EXCHANGE_API = {
  importBoard: route<ImportedBoard, { format: 'cxl' | 'json'; title?: string }, RawFile>()('POST', '/api/boards/import'),
  uploadStream: route<StreamUpload, { format: 'csv' | 'jsonl' | 'txt' | 'rss' }, RawFile>()('POST', '/api/boards/:id/stream')
} as const

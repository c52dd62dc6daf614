import { importCxl } from './cxl-import'
import type { ImportLimits, ImportResult } from './import-common'
import type { ImportFormat } from './import-formats'
import { importJson } from './json-import'

/** One entry point for the import route; throws ImportError (→ 400) and builds nothing on failure. */
export function importMap(format: ImportFormat, input: string | Uint8Array, limits: Partial<ImportLimits> = {}): ImportResult {
  return format === 'cxl' ? importCxl(input, limits) : importJson(input, limits)
}

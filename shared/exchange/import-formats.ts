/** The formats of `POST /api/boards/import?format=`. */
export const IMPORT_FORMATS = ['cxl', 'json'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

export function isImportFormat(value: unknown): value is ImportFormat {
  return typeof value === 'string' && (IMPORT_FORMATS as readonly string[]).includes(value)
}

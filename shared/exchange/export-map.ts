import type { Group } from '../roles'
import type { BoardMap } from '../schema/board-map'
import { exportCxl, type CxlExportOptions } from './cxl-export'
import { exportGraphml } from './graphml-export'
import { exportJson, type JsonExportOptions } from './json-export'
import { exportMermaid } from './mermaid-export'
import { exportSvg, type SvgExportOptions } from './svg-export'
import { exportTxt } from './txt-export'

/** The formats of `GET /api/boards/:id/export?format=`; `png` is rendered by the server from the SVG. */
export const EXPORT_FORMATS = ['json', 'svg', 'png', 'cxl', 'graphml', 'mermaid', 'txt'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
export type TextExportFormat = Exclude<ExportFormat, 'png'>

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value)
}

/** Content type and file extension of each format's response. */
export const EXPORT_MEDIA: Readonly<Record<ExportFormat, { type: string; extension: string }>> = {
  json: { type: 'application/json; charset=utf-8', extension: 'json' },
  svg: { type: 'image/svg+xml; charset=utf-8', extension: 'svg' },
  png: { type: 'image/png', extension: 'png' },
  cxl: { type: 'application/xml; charset=utf-8', extension: 'cxl' },
  graphml: { type: 'application/xml; charset=utf-8', extension: 'graphml' },
  mermaid: { type: 'text/plain; charset=utf-8', extension: 'mmd' },
  txt: { type: 'text/plain; charset=utf-8', extension: 'txt' }
}

export interface ExportOptions extends JsonExportOptions, SvgExportOptions, CxlExportOptions {
  creators?: Readonly<Record<string, Group>>
}

/** One entry point for the export route: the text of `map` in `format`. */
export function exportMap(format: TextExportFormat, map: BoardMap, options: ExportOptions = {}): string {
  switch (format) {
    case 'json': return exportJson(map, options)
    case 'svg': return exportSvg(map, options)
    case 'cxl': return exportCxl(map, options)
    case 'graphml': return exportGraphml(map)
    case 'mermaid': return exportMermaid(map)
    case 'txt': return exportTxt(map)
  }
}

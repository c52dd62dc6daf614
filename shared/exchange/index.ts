// Everything the exchange formats offer. The server's main thread imports the light modules
// (export-map, import-formats, import-common) directly: importing this barrel loads the XML parser.
export { exportCxl, type CxlExportOptions } from './cxl-export'
export { importCxl } from './cxl-import'
export { escapeXml } from './escape-xml'
export { exportGraphml } from './graphml-export'
export {
  DEFAULT_LIMITS, ImportError, type Dropped, type ImportErrorReason, type ImportLimits, type ImportResult, type Repaired
} from './import-common'
export {
  BOARD_FILE_FORMAT, BOARD_FILE_VERSION, exportJson, toBoardFile,
  type BoardFile, type BoardFileConcept, type BoardFileLink, type JsonExportOptions
} from './json-export'
export { importJson } from './json-import'
export { exportMermaid } from './mermaid-export'
export { exportSvg, type SvgExportOptions } from './svg-export'
export { exportTxt } from './txt-export'
export {
  EXPORT_FORMATS, EXPORT_MEDIA, exportMap, isExportFormat,
  type ExportFormat, type ExportOptions, type TextExportFormat
} from './export-map'
export { IMPORT_FORMATS, isImportFormat, type ImportFormat } from './import-formats'
export { importMap } from './import-map'
export { keepOriginsWithItems } from './stream-origins'

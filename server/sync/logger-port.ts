/**
 * The logging the sync core needs, as a port: structured fields first, then a message (pino's shape,
 * which `server/log.ts` provides). The core names no logging library.
 */
export type LogMethod = (fields: object, message?: string) => void

export interface SyncLogger {
  error: LogMethod
  warn: LogMethod
  info: LogMethod
  debug: LogMethod
}

import { pino, type Logger } from 'pino'
import { scrubText, scrubValue } from './observability/scrub-secrets'

export type { Logger }

/**
 * Structured JSON logs. No token may reach a log line: secret-named fields are redacted, and every
 * field, message and child binding is scrubbed of URL tokens, Bearer credentials and JWS strings,
 * whatever a log call (or an error it carries) happens to hold.
 */
export function createLogger(level: string = 'info', destination?: NodeJS.WritableStream): Logger {
  const logger = pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['token', '*.token', 'req.url', 'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization', '*.headers.cookie'],
        censor: '[redacted]'
      },
      formatters: { log: (fields) => scrubValue(fields) as Record<string, unknown> },
      serializers: {
        msg: (msg: unknown) => (typeof msg === 'string' ? scrubText(msg) : msg),
        // Errors were serialized (and scrubbed) by the log formatter already.
        err: (err: unknown) => err
      }
    },
    destination ?? process.stdout
  )
  // pino applies no formatter to a child's bindings; every child (and its children, which inherit
  // this) has its bindings scrubbed here instead.
  const child = logger.child
  logger.child = function scrubbedChild(this: Logger, bindings, options) {
    return child.call(this, scrubValue(bindings) as typeof bindings, options)
  } as Logger['child']
  return logger
}

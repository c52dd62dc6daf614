import { pino, type Logger } from 'pino'

export type { Logger }

/** Structured JSON logs; tokens are redacted wherever a log call might carry one. */
export function createLogger(level: string = 'info', destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['token', '*.token', 'req.url', 'authorization', '*.authorization'], censor: '[redacted]' }
    },
    destination ?? process.stdout
  )
}

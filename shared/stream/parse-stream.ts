import { ImportError, readInput } from '../exchange/import-common'
import { parseCsvStream } from './csv-stream'
import { parseFeedStream } from './feed-stream'
import { parseJsonlStream } from './jsonl-stream'
import { STREAM_LIMITS, StreamError, type ParsedStream } from './stream-item'
import { parseTxtStream } from './txt-stream'

export const STREAM_FORMATS = ['csv', 'jsonl', 'txt', 'rss'] as const
export type StreamFormat = (typeof STREAM_FORMATS)[number]

export function isStreamFormat(value: unknown): value is StreamFormat {
  return typeof value === 'string' && (STREAM_FORMATS as readonly string[]).includes(value)
}

/**
 * A stream file's items, or a StreamError with the reason the whole file is refused. Pure: bytes
 * in, items out. The size is checked first; bytes are decoded strictly (UTF-8, or UTF-16 with a
 * BOM; for RSS/Atom the encoding the XML declares), never guessed; a BOM is dropped.
 */
export function parseStreamFile(bytes: Uint8Array | string, format: StreamFormat): ParsedStream {
  let text: string
  try {
    text = readInput(bytes, STREAM_LIMITS.maxBytes, format === 'rss' ? 'xml' : 'json')
  } catch (err) {
    if (err instanceof ImportError) throw new StreamError(err.reason === 'too-large' ? 'too-large' : 'bad-encoding', err.message)
    throw err
  }
  switch (format) {
    case 'csv':
      return parseCsvStream(text)
    case 'jsonl':
      return parseJsonlStream(text)
    case 'txt':
      return parseTxtStream(text)
    case 'rss':
      return parseFeedStream(text)
  }
}

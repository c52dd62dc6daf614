import { ItemCollector, type ParsedStream } from './stream-item'

/** Plain text: every non-empty line is an item's text (CRLF, LF or CR line ends). */
export function parseTxtStream(text: string): ParsedStream {
  const collector = new ItemCollector()
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trim() === '') continue
    collector.add({ text: line })
  }
  return collector.result()
}

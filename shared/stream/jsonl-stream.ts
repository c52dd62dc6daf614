import { ItemCollector, StreamError, type ParsedStream } from './stream-item'

/**
 * JSON Lines: one JSON object a line with `text` and optional `author`, `source`, `at`, `url`.
 * A line that is not JSON makes the file unreadable (nothing is added); a line that is JSON but
 * not an object with a string `text` is an unusable item, skipped. Blank lines are not items.
 */
export function parseJsonlStream(text: string): ParsedStream {
  const collector = new ItemCollector()
  let line = 0
  for (const raw of text.split('\n')) {
    line++
    const source = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (source.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(source)
    } catch (err) {
      const why = err instanceof Error ? err.message.slice(0, 120) : 'invalid JSON'
      throw new StreamError('not-jsonl', `line ${line} is not JSON (${why}); JSON Lines holds one object a line`)
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      collector.unusable++
      continue
    }
    // Own fields only: an object's prototype is never read as data.
    const obj = value as Record<string, unknown>
    const own = (key: string) => (Object.hasOwn(obj, key) ? obj[key] : undefined)
    collector.add({ text: own('text'), author: own('author'), source: own('source'), at: own('at'), url: own('url') })
  }
  return collector.result()
}

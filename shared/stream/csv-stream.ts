import { ItemCollector, STREAM_FIELDS, STREAM_LIMITS, StreamError, type ParsedStream, type StreamField } from './stream-item'

/**
 * Reads RFC 4180 CSV row by row, calling `onRow` with each row's fields and the line it starts on.
 * Fields may be quoted; a quoted field holds commas, doubled quotes and line breaks. Lines end in
 * CRLF, LF or CR. Rows are handed on as they are read, so a file of millions of lines never sits
 * in memory as millions of arrays. Refuses (StreamError `not-csv`) an unterminated quote, text
 * after a closing quote, and a row of more than `maxCsvFields` fields.
 */
export function readCsvRows(text: string, onRow: (fields: string[], line: number) => void): void {
  const n = text.length
  let row: string[] = []
  let line = 1
  let rowLine = 1
  let i = 0
  const endField = (value: string) => {
    if (row.length >= STREAM_LIMITS.maxCsvFields) {
      throw new StreamError('not-csv', `line ${rowLine} has more than ${STREAM_LIMITS.maxCsvFields} fields`)
    }
    row.push(value)
  }
  while (i <= n) {
    // At the start of a field.
    let value: string
    if (text[i] === '"') {
      const openLine = line
      let parts = ''
      let j = i + 1
      for (;;) {
        const q = text.indexOf('"', j)
        if (q === -1) throw new StreamError('not-csv', `the quoted field opened on line ${openLine} is never closed`)
        const chunk = text.slice(j, q)
        line += countBreaks(chunk)
        parts += chunk
        if (text[q + 1] === '"') {
          parts += '"'
          j = q + 2
        } else {
          j = q + 1
          break
        }
      }
      // Spaces after a closing quote are tolerated (spreadsheets write them); anything else is not CSV.
      while (text[j] === ' ' || text[j] === '\t') j++
      if (j < n && text[j] !== ',' && text[j] !== '\r' && text[j] !== '\n') {
        throw new StreamError('not-csv', `line ${line}: text after a closing quote; a quote inside a field is written as two quotes`)
      }
      value = parts
      i = j
    } else {
      let j = i
      while (j < n && text[j] !== ',' && text[j] !== '\r' && text[j] !== '\n') j++
      value = text.slice(i, j)
      i = j
    }
    endField(value)
    if (i >= n) {
      // The last row; a file ending in a line break has no extra empty row.
      if (!(row.length === 1 && row[0] === '')) onRow(row, rowLine)
      return
    }
    if (text[i] === ',') {
      i++
      continue
    }
    // A line break ends the row.
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1
    line++
    if (!(row.length === 1 && row[0] === '')) onRow(row, rowLine)
    row = []
    rowLine = line
    if (i >= n) return
  }
}

function countBreaks(s: string): number {
  let count = 0
  for (let k = 0; k < s.length; k++) {
    const ch = s.charCodeAt(k)
    if (ch === 10) count++
    else if (ch === 13 && s.charCodeAt(k + 1) !== 10) count++
  }
  return count
}

/**
 * CSV with a header row naming the item's columns (`text` required; `author`, `source`, `at`, `url`
 * optional; case and surrounding spaces ignored; other columns ignored). Blank lines are not items.
 */
export function parseCsvStream(text: string): ParsedStream {
  const collector = new ItemCollector()
  let columns: Partial<Record<StreamField, number>> | null = null
  readCsvRows(text, (fields, line) => {
    if (columns === null) {
      const found: Partial<Record<StreamField, number>> = {}
      fields.forEach((name, index) => {
        const key = name.trim().toLowerCase() as StreamField
        if ((STREAM_FIELDS as readonly string[]).includes(key) && found[key] === undefined) found[key] = index
      })
      if (found.text === undefined) {
        throw new StreamError('no-text-column', `the header row (line ${line}) names no "text" column; name the columns text, author, source, at, url`)
      }
      columns = found
      return
    }
    const cols: Partial<Record<StreamField, number>> = columns
    const cell = (field: StreamField) => (cols[field] === undefined ? undefined : fields[cols[field]!])
    // A row with every cell empty is a blank line written by a spreadsheet.
    if (fields.every((f) => f.trim() === '')) return
    collector.add({ text: cell('text') ?? '', author: cell('author'), source: cell('source'), at: cell('at'), url: cell('url') })
  })
  if (columns === null) throw new StreamError('no-text-column', 'the file is empty: a CSV stream starts with a header row naming a "text" column')
  return collector.result()
}

/**
 * What a stream item carries beyond the panel: its drag data type and its date as shown. Here
 * rather than in cg-stream-panel so that the source card and dropping onto the map do not load
 * the panel's code, which comes only when the panel opens (lazy-parts).
 */

/** The drag data type of a stream item: its id. */
export const STREAM_DRAG_TYPE = 'application/x-cg-stream-item'

let dateFormat: Intl.DateTimeFormat | null = null

/** An item's date for people, or '' when it has none. */
export function shownDate(at: string | undefined): string {
  if (!at) return ''
  const d = new Date(at)
  dateFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
  return Number.isNaN(d.getTime()) ? '' : dateFormat.format(d)
}

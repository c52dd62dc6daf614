import { createHash } from 'node:crypto'
import type { BoardEvent } from '../../shared/events/element-event'
import { exportSvg } from '../../shared/exchange/svg-export'
import { groupOf, type Group } from '../../shared/roles'
import type { BoardMap } from '../../shared/schema/board-map'

/** Boards whose last picture is kept (the reports asked for lately). */
const KEPT = 8

/**
 * The report's picture of the map: the SVG export, inline. Drawing a map of thousands of concepts
 * (phrase placement over 10^4 links) took about a third of a report of a 100,000-event board, and
 * a report is asked again and again of the same map (a facilitator reopening it, a finished
 * workshop): the last picture of each board is kept, keyed by what it is drawn from (the map's
 * journal seq and who created what), so an unchanged map is drawn once. It is served apart from
 * the report (`GET …/report/picture`), so a report right after a change does not wait for it.
 */
export class ReportPictures {
  private readonly kept = new Map<string, { key: string; svg: string }>()

  picture(boardId: string, map: BoardMap, seq: number, creators: Record<string, Group>): string {
    // seq 0: a map read from the journal rather than the derived history has no seq to key on.
    const key = seq > 0 ? createHash('sha1').update(`${seq}\n${JSON.stringify(creators)}`).digest('base64') : null
    const last = this.kept.get(boardId)
    if (key !== null && last?.key === key) {
      this.kept.delete(boardId)
      this.kept.set(boardId, last)
      return last.svg
    }
    const svg = exportSvg(map, { heading: false, groupColors: true, creators })
      // Inline in a page: the file's XML declaration has no place there.
      .replace(/^<\?xml[^>]*\?>\s*/, '')
      .trim()
    if (key === null) return svg
    this.kept.delete(boardId)
    this.kept.set(boardId, { key, svg })
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value as string)
    return svg
  }
}

/** Who created each element present at `at`: the side of its latest create (B or U), for the picture. */
export function creatorGroups(events: readonly BoardEvent[], at: number): Record<string, Group> {
  const out: Record<string, Group> = {}
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (e.at > at || e.kind !== 'create') continue
    const group = groupOf(e.role)
    if (group) out[e.elementId] = group
    else delete out[e.elementId]
  }
  return out
}

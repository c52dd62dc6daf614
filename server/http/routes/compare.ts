import { Hono } from 'hono'
import { COMPARE_API } from '../../../shared/api/routes/compare-routes'
import { answer } from '../answer'
import { consensusMap } from '../../compare/consensus-map'
import { normalizeLabel } from '../../../shared/compare/recurring-propositions'
import { CompareExportQuery, CompareQuery } from '../../../shared/api/schemas/compare'
import { exportMap, type ExportOptions } from '../../../shared/exchange/export-map'
import { compareBoards } from '../compare-boards'
import { downloadHeaders } from '../../exchange/download-headers'
import { checkPngSize, svgSize } from '../../exchange/png-size'
import { orRefusal } from '../exchange-refusal'
import type { AppDeps, AppEnv } from '../app-env'
import { fail } from '../error-handler'
import { validate } from '../validate'

/**
 * Synthesis across workshops (admin): the same focus question run with several groups.
 * - `GET /api/compare?boards=a,b,c[&k=2]` → `{boards:[{id, board, session, title, focusQuestion, at,
 *   metrics}], k, propositions:[{key, from, label, to, boards, on:[{board, at, side}], firstSide}]}`:
 *   the profiles side by side and the propositions found in at least k boards (default 2).
 *   An entry `board:session` compares one session of a board.
 * - `GET /api/compare/export?boards=…&k=…&format=json|svg|png|cxl|graphml|mermaid|txt`: the
 *   consensus map of those propositions, in any export format.
 */
export function compareRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use('*', async (c, next) => {
      if (c.var.principal.kind !== 'admin') throw fail(403, 'only the service owner compares boards')
      await next()
    })
    .get('/', validate('query', CompareQuery), async (c) => {
      const { boards, k } = c.req.valid('query')
      return answer(c, COMPARE_API.compare, await compareBoards(deps, boards, k))
    })
    .get('/export', validate('query', CompareExportQuery), async (c) => {
      const { format, boards, k } = c.req.valid('query')
      const comparison = await compareBoards(deps, boards, k)
      const questions = new Set(comparison.boards.map((b) => normalizeLabel(b.focusQuestion)))
      const title = `Consensus of ${comparison.boards.length} boards (in at least ${comparison.k})`
      const map = consensusMap(comparison.propositions, comparison.k, {
        title,
        focusQuestion: questions.size === 1 ? comparison.boards[0]!.focusQuestion : ''
      })
      const now = deps.now()
      const options: ExportOptions = { exportedAt: now, created: now, modified: now, heading: true }
      const headers = downloadHeaders(format, title)
      if (format !== 'png') return c.body(exportMap(format, map, options), 200, headers)
      return orRefusal(c, async () => {
        const svg = exportMap('svg', map, options)
        const size = svgSize(svg)
        if (size) checkPngSize(size.width, size.height, 1)
        return c.body(await deps.exchange.run({ kind: 'png', svg, scale: 1 }), 200, headers)
      })
    })
}

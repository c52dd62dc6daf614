import { z } from 'zod'
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from '../../exchange/export-map'
import { MAX_COMPARED_BOARDS, type CompareTarget } from '../compare'

/** The queries of the comparison across workshops (admin). */

/** `boards=a,b,c:session`: two to MAX_COMPARED_BOARDS boards or sessions, none twice. */
const targets = z
  .string()
  .optional()
  .transform((raw, ctx): CompareTarget[] => {
    const refuse = (message: string) => {
      ctx.issues.push({ code: 'custom', message, input: raw })
      return z.NEVER
    }
    const parts = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean)
    if (parts.length < 2) return refuse('boards must name at least two boards (boards=a,b or board:session entries)')
    if (parts.length > MAX_COMPARED_BOARDS) return refuse(`boards names at most ${MAX_COMPARED_BOARDS} boards`)
    const out: CompareTarget[] = []
    for (const p of parts) {
      const [boardId, session, extra] = p.split(':')
      if (!boardId || extra !== undefined || session === '') return refuse(`"${p.slice(0, 80)}" is not a board id or board:session`)
      out.push(session ? { boardId, session } : { boardId })
    }
    const keys = out.map((t) => `${t.boardId}:${t.session ?? ''}`)
    if (new Set(keys).size !== keys.length) return refuse('boards names the same board (or session) twice')
    return out
  })

/** `k`: propositions in at least k boards (default 2, at most the boards compared). */
const k = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw === '') return 2
    const n = Number(raw)
    if (!Number.isSafeInteger(n) || n < 0) {
      ctx.issues.push({ code: 'custom', message: 'k must be a non-negative integer', input: raw })
      return z.NEVER
    }
    if (n < 1) {
      ctx.issues.push({ code: 'custom', message: 'k must be at least 1', input: raw })
      return z.NEVER
    }
    return Math.min(n, MAX_COMPARED_BOARDS)
  })

/** GET /api/compare. */
export const CompareQuery = z.object({ boards: targets, k })

/** GET /api/compare/export: as above, and the format of the consensus map. */
export const CompareExportQuery = z.object({
  format: z.custom<ExportFormat>((v) => isExportFormat(v), { error: `format must be one of: ${EXPORT_FORMATS.join(', ')}` }),
  boards: targets,
  k
})

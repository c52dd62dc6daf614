import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The real files from other tools live beside the project, in `shared/fixtures/` (the project's own
 * `shared/` is source code and has no `fixtures/`). Found by walking up from here, so the tests read
 * the same files from the main checkout and from a worktree one level deeper; CG_SHARED_FIXTURES
 * overrides.
 */
function find(): string {
  if (process.env.CG_SHARED_FIXTURES) return process.env.CG_SHARED_FIXTURES
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = join(dir, 'shared', 'fixtures')
    if (existsSync(join(candidate, 'cxl'))) return candidate
    const up = dirname(dir)
    if (up === dir) throw new Error('shared/fixtures/cxl not found above the project: set CG_SHARED_FIXTURES')
    dir = up
  }
}

export const SHARED_FIXTURES = find()

/** The CmapTools 6.04 file every exchange test starts from. */
export const REAL_CXL = join(SHARED_FIXTURES, 'cxl', 'cmaptools-6.04-entrepreneurial-mindset.cxl')

/** Every real CXL file among the shared fixtures, by full path, sorted. */
export function realCxlFiles(): string[] {
  const dir = join(SHARED_FIXTURES, 'cxl')
  return readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.cxl')).sort().map((f) => join(dir, f))
}

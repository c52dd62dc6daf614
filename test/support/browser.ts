import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

/** Debian's headless build of its Chromium (package chromium-headless-shell). */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell'

/**
 * Debian's chromium when present, else CHROMIUM_PATH, else the one Playwright downloaded. For the
 * tests (`purpose` 'test'), Debian's headless shell of the same Chromium comes first where it is
 * installed (.ci/run installs it): the same Blink and V8 without the browser's UI layer, which is
 * what Playwright itself runs headless tests in. A context with a board page costs about half the
 * CPU there (docs/benchmarks.md), and contexts are most of the suite's time. `CG_TEST_BROWSER=chromium`
 * runs the tests in the full browser. The client benchmarks measure the full browser, as people use it.
 */
export function chromiumPath(purpose: 'test' | 'bench' = 'test'): string | undefined {
  if (purpose === 'test' && process.env.CG_TEST_BROWSER !== 'chromium' && existsSync(HEADLESS_SHELL)) return HEADLESS_SHELL
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  return process.env.CHROMIUM_PATH || undefined
}

export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

export async function launchBrowser(options: { extraArgs?: string[]; purpose?: 'test' | 'bench' } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(options.purpose),
    headless: true,
    args: [...BROWSER_ARGS, ...(options.extraArgs ?? [])]
  })
}

export const RESULTS_DIR = 'test-results'

/** A file-name-safe version of a test's name. */
export function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80)
}

/** Full-page screenshots of every open page, named after the test: for the failure report. */
export async function screenshotAll(name: string, pages: Iterable<Page>): Promise<string[]> {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const files: string[] = []
  let i = 0
  for (const page of pages) {
    if (page.isClosed()) continue
    const file = join(RESULTS_DIR, `${slug(name)}-${i++}.png`)
    await page.screenshot({ path: file, fullPage: true }).catch(() => {})
    files.push(file)
  }
  return files
}

/** Every page of every context, for screenshots on failure. */
export function allPages(contexts: Iterable<BrowserContext>): Page[] {
  return [...contexts].flatMap((c) => c.pages())
}

// Bundles the server (dependencies left to node_modules) and the browser client with esbuild.
// esbuild rather than Vite: Vite 8 leaves standard decorators uncompiled, esbuild does not.
import { build } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PAGE_SHELLS, renderPageShell } from './page-shells.mjs'

await build({
  // The exchange worker (imports, PNG) is its own file, loaded beside main.js by worker-runner.ts.
  // migrate.js: `npm run migrate` (embedded DATA_DIR into PostgreSQL).
  entryPoints: { main: 'server/main.ts', 'exchange-worker': 'server/exchange/exchange-worker.ts', migrate: 'server/migrate/main.ts' },
  outdir: 'dist/server',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning'
})

// Each file directly in client/entries/ is a page or embed entry point.
const clientEntries = existsSync('client/entries')
  ? readdirSync('client/entries').filter((f) => f.endsWith('.ts')).map((f) => `client/entries/${f}`)
  : []
if (clientEntries.length > 0) {
  // Chunk names carry content hashes: clear the old ones so dist/ holds only what pages load.
  rmSync('dist/client/chunks', { recursive: true, force: true })
  const client = await build({
    entryPoints: clientEntries,
    outdir: 'dist/client',
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    // Shared code goes to chunks, and what is imported dynamically (dagre, for auto-layout) loads
    // only when used, keeping it out of the board's first download.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // NO_MINIFY=1 keeps names, for a CPU profile that reads (docs/benchmarks.md, the phone's first render).
    minify: !process.env.NO_MINIFY,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning'
  })
  writeBoardOffline(client.metafile)
}

/**
 * Every script the board page may load, its lazy parts (find, auto-layout, the dialogs...) included,
 * as the URLs the page asks its service worker to keep: a part first opened while offline loads too.
 */
function writeBoardOffline(metafile) {
  const outputs = metafile.outputs
  const entry = Object.keys(outputs).find((o) => outputs[o].entryPoint === 'client/entries/board.ts')
  if (!entry) return
  const seen = new Set()
  const visit = (out) => {
    if (seen.has(out) || !outputs[out]) return
    seen.add(out)
    for (const i of outputs[out].imports) if (!i.external) visit(i.path)
  }
  visit(entry)
  const urls = [...seen].map((o) => `/assets/${o.replace(/^dist\/client\//, '')}`).sort()
  writeFileSync('dist/client/board-offline.json', JSON.stringify(urls))
}

// A page's early script (client/entries/early/): a small bundle of its own, run `async` while the
// page's modules load (the board's opens its socket: client/controllers/early-socket.ts).
const earlyEntries = existsSync('client/entries/early')
  ? readdirSync('client/entries/early').filter((f) => f.endsWith('.ts')).map((f) => `client/entries/early/${f}`)
  : []
if (earlyEntries.length > 0) {
  await build({
    entryPoints: earlyEntries,
    outdir: 'dist/client',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: !process.env.NO_MINIFY,
    sourcemap: true,
    logLevel: 'warning'
  })
}

// The page shells, written from one list (scripts/page-shells.mjs).
mkdirSync('dist/client', { recursive: true })
for (const shell of PAGE_SHELLS) writeFileSync(join('dist/client', shell.file), renderPageShell(shell))
// The tab icon every page links (and /favicon.ico points to, for pages that cannot link it).
copyFileSync('client/icon.svg', join('dist/client', 'icon.svg'))

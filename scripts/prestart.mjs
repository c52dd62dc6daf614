// `npm start` runs this first. With the dev tools installed (`npm install`), it builds, so
// `npm install && npm start` serves the current source. A production install (`npm ci --omit=dev`
// after `npm run build`) has no esbuild: it serves the dist/ it was given instead of failing.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

if (existsSync('node_modules/esbuild')) {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' })
  process.exit(r.status ?? 1)
}
if (!existsSync('dist/server/main.js') || !existsSync('dist/client')) {
  console.error('start: dist/ is missing and esbuild is not installed. Build first: `npm install && npm run build`, then `npm ci --omit=dev`.')
  process.exit(1)
}
console.log('start: esbuild is not installed (a production install): serving the existing dist/')

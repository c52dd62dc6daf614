/**
 * The board page's service worker (served at /sw.js, scope /b/): keeps the page shell and its
 * scripts so a board reloads while offline. Network first, so a deploy is picked up at once; the
 * cache is only the fallback. The map's data is not here: y-indexeddb keeps that.
 *
 * It must import nothing: a worker registered as a classic script cannot load the shared chunks
 * the build splits out.
 */

interface FetchEventLike extends Event {
  request: Request
  respondWith(response: Promise<Response>): void
}
interface ExtendableEventLike extends Event {
  waitUntil(p: Promise<unknown>): void
}
interface MessageEventLike extends ExtendableEventLike {
  data: unknown
}
interface WorkerScope {
  location: Location
  clients: { claim(): Promise<void> }
  skipWaiting(): Promise<void>
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEventLike) => void): void
  addEventListener(type: 'fetch', fn: (e: FetchEventLike) => void): void
  addEventListener(type: 'message', fn: (e: MessageEventLike) => void): void
}

const worker = self as unknown as WorkerScope
const CACHE = 'common-ground-shell-v1'
/** Every /b/:boardId page is the same shell, so one entry serves all boards. */
const SHELL_KEY = '/b/__shell__'

/** esbuild's split chunks: a name's bytes never change (the name carries their hash). */
const isChunk = (key: string) => key.startsWith('/assets/chunks/')

function cacheKey(url: URL): string | null {
  if (url.origin !== worker.location.origin) return null
  if (url.pathname.startsWith('/b/')) return SHELL_KEY
  if (url.pathname.startsWith('/assets/')) return url.pathname
  return null
}

worker.addEventListener('install', (e) => e.waitUntil(worker.skipWaiting()))
worker.addEventListener('activate', (e) => e.waitUntil(worker.clients.claim()))

worker.addEventListener('fetch', (e) => {
  const req = e.request
  if (req.method !== 'GET') return
  const url = new URL(req.url)
  const key = cacheKey(url)
  if (!key || (key === SHELL_KEY && req.mode !== 'navigate')) return
  e.respondWith(
    (async () => {
      const cache = await caches.open(CACHE)
      // A chunk already kept is the same bytes the network would send: no request at all.
      const kept = isChunk(key) ? await cache.match(key) : undefined
      if (kept) return kept
      try {
        const res = await fetch(req)
        if (res.ok) await cache.put(key, res.clone())
        return res
      } catch (err) {
        const hit = await cache.match(key)
        if (hit) return hit
        throw err
      }
    })()
  )
})

worker.addEventListener('message', (e) => {
  const data = e.data as { type?: string; urls?: unknown; current?: unknown }
  if (data?.type !== 'cache' || !Array.isArray(data.urls)) return
  e.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE)
      // Chunks of earlier builds are never asked for again: without this they stay until the browser evicts the whole cache.
      const current = Array.isArray(data.current) ? new Set(data.current.filter((u): u is string => typeof u === 'string')) : null
      if (current && current.size > 0) {
        for (const req of await cache.keys()) {
          const path = new URL(req.url).pathname
          if (isChunk(path) && !current.has(path)) await cache.delete(req)
        }
      }
      for (const u of data.urls as unknown[]) {
        if (typeof u !== 'string') continue
        const url = new URL(u, worker.location.origin)
        const key = cacheKey(url)
        if (!key || (await cache.match(key))) continue
        // The token is not needed for the shell (it is static), and must not sit in a cache.
        url.search = ''
        const res = await fetch(url).catch(() => null)
        if (res?.ok) await cache.put(key, res)
      }
    })()
  )
})

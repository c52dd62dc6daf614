/**
 * Runs `run` when the page is next idle, and at the latest after `withinMs` (requestIdleCallback's
 * timeout); where the browser has no idle callback (Safari before 18), after `otherwiseMs`. For
 * work that must stay off the first render but not wait for ever: the service worker's list, the
 * parts under the map, the drawn area's growth.
 */
export function whenIdle(run: () => void, withinMs: number, otherwiseMs = withinMs): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => run(), { timeout: withinMs })
  else setTimeout(run, otherwiseMs)
}

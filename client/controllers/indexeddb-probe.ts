/** The throwaway database the probe opens; it stays, empty, so later probes open it without an upgrade. */
const PROBE_DB = 'common-ground:probe'

let probed: Promise<boolean> | null = null

/**
 * Whether this browser lets the page keep data in IndexedDB. Some refuse: third-party frames with
 * storage blocked, private windows, enterprise policy. They refuse in different ways: reading
 * `indexedDB` or calling `open` throws (SecurityError), or the request fires `error`, or `blocked`.
 * y-indexeddb opens its database in a promise nobody can catch, so a refusal there is an unhandled
 * rejection on the page; asking here first, where every way is caught, lets the board go without its
 * offline copy instead. Never rejects; it may never settle where a browser leaves `open` unanswered,
 * so callers wait for it with a timeout. Asked once a page: the answer does not change while it lives.
 */
export function probeIndexedDb(): Promise<boolean> {
  probed ??= new Promise<boolean>((resolve) => {
    let request: IDBOpenDBRequest
    try {
      const factory: IDBFactory | undefined = globalThis.indexedDB
      if (!factory) return resolve(false)
      request = factory.open(PROBE_DB)
    } catch {
      return resolve(false)
    }
    request.onsuccess = () => {
      try {
        request.result.close()
      } catch {
        // Opened is the answer; closing is housekeeping.
      }
      resolve(true)
    }
    request.onerror = (event) => {
      // Handled here: not reported as an error of the page.
      event.preventDefault()
      resolve(false)
    }
    // Another page holds an older version open and will not let go: not usable for now.
    request.onblocked = () => resolve(false)
  })
  return probed
}

import type { Health } from '../health'
import { route } from '../route'

/** The routes of the service itself rather than of a board (docs/api.md): asked without a token. */
export const SERVICE_API = {
  health: route<Health>()('GET', '/healthz')
} as const

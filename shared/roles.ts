export const ROLES = ['facilitator', 'brand', 'customer', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** Whether a role may change the map; `locked` boards leave only facilitators writing. */
export function canWrite(role: Role, locked = false): boolean {
  if (role === 'viewer') return false
  if (locked) return role === 'facilitator'
  return true
}

/** The two groups the metrics compare; facilitators and viewers are in neither. */
export type Group = 'B' | 'U'

export function groupOf(role: Role): Group | null {
  if (role === 'brand') return 'B'
  if (role === 'customer') return 'U'
  return null
}

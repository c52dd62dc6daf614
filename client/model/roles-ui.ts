import type { Role } from '../../shared/roles'

/** Role colours: each passes 4.5:1 against white text, since name tags print white on them. */
export const ROLE_COLORS: Record<Role, string> = {
  facilitator: '#7e22ce',
  brand: '#1d4ed8',
  customer: '#b45309',
  viewer: '#4b5563'
}

export const ROLE_LABELS: Record<Role, string> = {
  facilitator: 'Facilitator',
  brand: 'Brand',
  customer: 'Customer',
  viewer: 'Viewer'
}

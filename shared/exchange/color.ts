import type { Group } from '../roles'

/**
 * Concept colours travel as `#rrggbb`. Anything else a client stored (a palette name, CSS) is kept in
 * the JSON export but left out of pictures and CXL, where an unknown value would paint a black box.
 */
export function hexColor(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const m = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(value.trim())
  if (!m?.[1]) return null
  const digits = m[1].length <= 4 ? [...m[1].slice(0, 3)].map((d) => d + d).join('') : m[1].slice(0, 6)
  return `#${digits.toLowerCase()}`
}

export function rgbOf(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1, 7), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

/** Whether dark text is readable on this fill (relative luminance, roughly). */
export function isLight(hex: string): boolean {
  const [r, g, b] = rgbOf(hex)
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 140
}

/** WCAG relative luminance of an `#rrggbb` colour, 0 (black) to 1 (white). */
export function luminance(hex: string): number {
  const [r, g, b] = rgbOf(hex).map((c) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG contrast ratio of two `#rrggbb` colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(a)
  const lb = luminance(b)
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
}

export const DARK_TEXT = '#1f2328'
export const LIGHT_TEXT = '#ffffff'
/** WCAG AA for large or bold text; concept labels are short and CmapTools users pick strong colours. */
const MIN_CONTRAST = 3

/**
 * The colour a label is drawn in on `fill`: the chosen text colour while it stays readable there,
 * else dark or light ink, whichever contrasts more. Imported maps often carry black text on dark
 * fills that CmapTools' own renderer never showed; a board people build together must stay legible.
 */
export function readableText(fill: string, textColor?: unknown): string {
  const chosen = hexColor(textColor)
  if (chosen && contrastRatio(chosen, fill) >= MIN_CONTRAST) return chosen
  return contrastRatio(DARK_TEXT, fill) >= contrastRatio(LIGHT_TEXT, fill) ? DARK_TEXT : LIGHT_TEXT
}

/** CmapTools writes colours as `r,g,b,a` (0–255); a transparent one carries no colour. */
export function hexFromCmapColor(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const parts = value.split(',').map((p) => Number(p.trim()))
  if (parts.length < 3 || parts.length > 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null
  if (parts.length === 4 && parts[3] === 0) return null
  return `#${parts.slice(0, 3).map((p) => p.toString(16).padStart(2, '0')).join('')}`
}

export function cmapColorFromHex(hex: string): string {
  return `${rgbOf(hex).join(',')},255`
}

/** Colours of the two groups when a picture shows who made what. */
export const GROUP_COLORS: Readonly<Record<Group, string>> = { B: '#1d4ed8', U: '#c2410c' }
export const GROUP_NAMES: Readonly<Record<Group, string>> = { B: 'Brand', U: 'Customer' }

/**
 * The group of an element's creator. Creators arrive as a plain object keyed by element ids, and an
 * id such as `constructor` would otherwise find the object's prototype.
 */
export function creatorGroup(creators: Readonly<Record<string, Group>> | undefined, id: string): Group | null {
  if (!creators || !Object.prototype.hasOwnProperty.call(creators, id)) return null
  const g = creators[id]
  return g === 'B' || g === 'U' ? g : null
}

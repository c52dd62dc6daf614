/**
 * Group links' short join codes (`/j/CODE`): eight characters a facilitator can read out or project,
 * from an alphabet with nothing to confuse (no 0/O, no 1/I/L). Shown as ABCD-EFGH; typed any way.
 */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const JOIN_CODE_LENGTH = 8

/** The code in what someone typed ("abcd efgh", "ABCD-EFGH"), or null if it cannot be one. */
export function normalizeJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '')
  if (code.length !== JOIN_CODE_LENGTH) return null
  for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return null
  return code
}

/** "ABCD-EFGH": easier to read out and to type. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

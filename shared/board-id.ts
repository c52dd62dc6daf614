/** Board ids are public (URLs, file names); this is the only shape the service accepts. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export function isBoardId(value: unknown): value is string {
  return typeof value === 'string' && BOARD_ID_PATTERN.test(value)
}

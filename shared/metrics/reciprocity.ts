/** 6. reciprocity = min(u_B, u_U) / max(u_B, u_U); null when neither side took anything up. */
export function reciprocity(uB: number, uU: number): number | null {
  const max = Math.max(uB, uU)
  return max === 0 ? null : Math.min(uB, uU) / max
}

/** A moment as people read it on a clock, in their own locale: "14:05". */
export const hourMinute = (ms: number): string => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

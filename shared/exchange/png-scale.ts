/** How far a PNG export may be scaled (`?scale=` of GET …/export); the server checks the pixels it makes too. */
export const PNG_SCALE = { min: 0.25, max: 4 } as const

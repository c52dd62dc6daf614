/** The name a visitor chose on a board, remembered on this device for their next visit. */
const nameKey = (boardId: string) => `common-ground:name:${boardId}`

export function storedName(boardId: string): string | null {
  try {
    return localStorage.getItem(nameKey(boardId))
  } catch {
    return null
  }
}

export function storeName(boardId: string, name: string): void {
  try {
    localStorage.setItem(nameKey(boardId), name)
  } catch {
    // Storage can be off (private mode, embeds): the name then lasts for this visit.
  }
}

/** Offers `text` as a file download (a blob URL, released once the browser has taken it). */
export function downloadText(filename: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** A file name from a board title: letters, digits and dashes only. */
export function fileStem(title: string, at: number): string {
  const slug = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'board'
  return `report-${slug}-${new Date(at).toISOString().slice(0, 10)}`
}

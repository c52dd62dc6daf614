import type { ReportData } from '../../shared/report/report-data'

/** The report endpoint, with the page's facilitator token. */
export class ReportApi {
  constructor(
    private readonly boardId: string,
    private readonly token: string
  ) {}

  async report(session?: string): Promise<ReportData> {
    const q = session ? `?session=${encodeURIComponent(session)}` : ''
    const res = await fetch(`/api/boards/${encodeURIComponent(this.boardId)}/report${q}`, {
      headers: { authorization: `Bearer ${this.token}` }
    })
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string }
      throw new Error(body.error ?? `request failed (${res.status})`)
    }
    return (await res.json()) as ReportData
  }
}

import { HISTORY_API } from '../../shared/api/routes/history-routes'
import type { ReportData } from '../../shared/report/report-data'
import { ApiClient } from '../api/api-client'

/** The report endpoint, with the page's facilitator token. */
export class ReportApi {
  private readonly client: ApiClient

  constructor(
    private readonly boardId: string,
    token: string
  ) {
    this.client = new ApiClient(token)
  }

  report(session?: string): Promise<ReportData> {
    return this.client.call(HISTORY_API.report, { params: { id: this.boardId }, query: { session } })
  }
}

import { HISTORY_API } from '../../shared/api/routes/history-routes'
import type { ReportData } from '../../shared/report/report-data'
import { ApiClient } from '../api/api-client'

/** The report endpoints, with the page's facilitator token. */
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

  /** The map's picture at the report's moment `at` (SVG markup, labels escaped by the server). */
  async picture(at: number, session?: string): Promise<string> {
    return (await this.client.download(HISTORY_API.reportPicture, { params: { id: this.boardId }, query: { at, session } })).text()
  }
}

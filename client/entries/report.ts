import '../report/cg-report'
import { bootFacilitatorPage } from './boot/facilitator-page'

// The facilitator report page (/report/:boardId#token=…).
bootFacilitatorPage({ container: document.querySelector('#report')!, element: 'cg-report', name: 'report' })

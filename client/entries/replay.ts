import '../replay/cg-replay'
import { bootFacilitatorPage } from './boot/facilitator-page'

// The replay page (/replay/:boardId?token=… or #token=…) for facilitators and admins.
bootFacilitatorPage({ container: document.querySelector('main')!, element: 'cg-replay', name: 'replay' })

import { describe, expect, it } from 'vitest'
import type { Principal } from './access'
import { DOWNLOAD_TICKET_TTL_MS, DownloadTickets } from './download-tickets'

const BOARD = 'b0000000000000000000001'
const OTHER = 'b0000000000000000000002'
const viewer: Principal = {
  kind: 'participant',
  claims: { board: BOARD, role: 'viewer', sub: 'p1', inv: 'i1', name: 'Vi', exp: 2_000_000_000 },
  participant: { id: 'p1', boardId: BOARD, role: 'viewer', name: 'Vi', createdAt: 0, inviteId: 'i1', revokedAt: null, firstConnectedAt: null }
}

function clocked(start = 1_000_000) {
  const clock = { t: start }
  return { clock, tickets: new DownloadTickets(Buffer.alloc(32, 3), () => clock.t) }
}

describe('download tickets', () => {
  it('are spent once, and name their holder', () => {
    const { tickets } = clocked()
    const { ticket } = tickets.issue(viewer, BOARD, 'export:svg')
    expect(ticket.split('.')).toHaveLength(2)
    expect(tickets.redeem(ticket, BOARD, 'export:svg')).toEqual({
      claims: { board: BOARD, role: 'viewer', sub: 'p1', inv: 'i1', name: 'Vi', exp: Math.floor((1_000_000 + DOWNLOAD_TICKET_TTL_MS) / 1000) }
    })
    expect(tickets.redeem(ticket, BOARD, 'export:svg')).toBeNull()
  })

  it('expire after a minute', () => {
    const { clock, tickets } = clocked()
    const early = tickets.issue({ kind: 'admin' }, BOARD, 'live')
    const late = tickets.issue({ kind: 'admin' }, BOARD, 'live')
    clock.t += DOWNLOAD_TICKET_TTL_MS - 1
    expect(tickets.redeem(early.ticket, BOARD, 'live')).toEqual({ admin: true })
    clock.t += 1
    expect(tickets.redeem(late.ticket, BOARD, 'live')).toBeNull()
  })

  it('open only the board and use they were issued for', () => {
    const { tickets } = clocked()
    const { ticket } = tickets.issue(viewer, BOARD, 'export:svg')
    expect(tickets.redeem(ticket, OTHER, 'export:svg')).toBeNull()
    expect(tickets.redeem(ticket, BOARD, 'export:png')).toBeNull()
    expect(tickets.redeem(ticket, BOARD, 'live')).toBeNull()
    // Refusals do not spend it.
    expect(tickets.redeem(ticket, BOARD, 'export:svg')).not.toBeNull()
  })

  it('refuse anything altered or signed with another key', () => {
    const { tickets } = clocked()
    const { ticket } = tickets.issue(viewer, BOARD, 'export:svg')
    const [payload, mac] = ticket.split('.') as [string, string]
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { h: { claims: { role: string } } }
    body.h.claims.role = 'facilitator'
    const forged = `${Buffer.from(JSON.stringify(body)).toString('base64url')}.${mac}`
    expect(tickets.redeem(forged, BOARD, 'export:svg')).toBeNull()
    const elsewhere = new DownloadTickets(Buffer.alloc(32, 4), () => 1_000_000).issue(viewer, BOARD, 'export:svg')
    expect(tickets.redeem(elsewhere.ticket, BOARD, 'export:svg')).toBeNull()
    for (const junk of ['', '.', 'a.b', `${payload}.${mac}.x`, 'x'.repeat(5000)]) expect(tickets.redeem(junk, BOARD, 'export:svg')).toBeNull()
  })
})

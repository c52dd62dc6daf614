import { afterEach, describe, expect, it } from 'vitest'
import { JOIN_CODE_ALPHABET } from '../../shared/join-code'
import type { IssuedInvite } from '../../shared/api/access'
import { newJoinCode } from '../../server/auth/join-codes'
import { ManualClock } from '../support/manual-clock'
import { startTestServer, type TestServer } from '../support/server'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close(true)
  server = undefined
})

/** A group link's answer: an issued invite that carries its join code and short link. */
type GroupInvite = IssuedInvite & Required<Pick<IssuedInvite, 'code' | 'shortUrl'>>

const get = (s: TestServer, path: string) => fetch(`${s.url}${path}`, { redirect: 'manual' })

async function groupLink(s: TestServer, boardId: string, ttlSeconds?: number): Promise<GroupInvite> {
  const res = await s.api(`/api/boards/${boardId}/invites`, { method: 'POST', body: JSON.stringify({ role: 'customer', group: true, ttlSeconds }) })
  expect(res.status).toBe(201)
  return (await res.json()) as GroupInvite
}

describe('join codes (/j/CODE)', () => {
  it('draws codes uniformly from an alphabet with nothing to confuse', () => {
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01ILO]/)
    const seen = new Map<string, number>()
    for (let i = 0; i < 2000; i++) for (const ch of newJoinCode()) seen.set(ch, (seen.get(ch) ?? 0) + 1)
    expect([...seen.keys()].sort().join('')).toBe([...JOIN_CODE_ALPHABET].sort().join(''))
    // 16,000 draws over 31 characters: each close to 516.
    for (const n of seen.values()) expect(n).toBeGreaterThan(380)
    // Bytes that would bias the draw are drawn again.
    const biased = [248, 249, 250, 251, 252, 253, 254, 255]
    let call = 0
    expect(newJoinCode((n) => new Uint8Array(n).fill(call++ === 0 ? biased[0]! : 0))).toBe('22222222')
  })

  it('gives a group link a short code and link that open its join page, typed any way', async () => {
    const s = (server = await startTestServer())
    const { id } = await s.createBoard()
    const g = await groupLink(s, id)
    expect(g.code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/)
    const bare = g.code.replace('-', '')
    expect(g.shortUrl).toBe(`${s.url}/j/${bare}`)
    for (const path of [`/j/${bare}`, `/j/${bare.toLowerCase()}`, `/j/${g.code}`]) {
      const res = await get(s, path)
      expect(res.status, path).toBe(303)
      expect(res.headers.get('location')).toBe(`/join/${id}?token=${encodeURIComponent(g.token)}`)
    }
    // The code page takes what people type and sends them on.
    expect((await get(s, '/j')).status).toBe(200)
    const typed = await get(s, `/j?code=${encodeURIComponent(` ${g.code.toLowerCase()} `)}`)
    expect(typed.headers.get('location')).toBe(`/j/${bare}`)
    expect((await get(s, '/j?code=nope')).status).toBe(400)
    // The invites list shows it again.
    const { invites } = (await (await s.api(`/api/boards/${id}/invites`)).json()) as { invites: Array<{ id: string; code?: string; shortUrl?: string }> }
    expect(invites.find((i) => i.id === g.inviteId)).toMatchObject({ code: g.code, shortUrl: g.shortUrl })
  })

  it('ends with its link: revoked or expired, the code is not valid', async () => {
    const clock = new ManualClock()
    const s = (server = await startTestServer({ clock }))
    const { id } = await s.createBoard()
    const [kept, revoked, expiring] = await Promise.all([groupLink(s, id), groupLink(s, id), groupLink(s, id, 1)])
    expect((await s.api(`/api/boards/${id}/invites/${revoked.inviteId}/revoke`, { method: 'POST' })).status).toBe(200)
    clock.advance(1000)
    for (const g of [revoked, expiring]) {
      const res = await get(s, `/j/${g.code.replace('-', '')}`)
      expect(res.status).toBe(404)
      expect(await res.text()).toContain(`The code ${g.code} is not valid`)
    }
    expect((await get(s, `/j/${kept.code.replace('-', '')}`)).status).toBe(303)
    expect((await get(s, '/j/ABCD2345')).status).toBe(404)
  })

  it('limits how many codes one address may try', async () => {
    const s = (server = await startTestServer({ env: { RATE_LIMIT_LOOPBACK: '1', JOIN_BURST: '3', JOINS_PER_MINUTE: '1' } }))
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await get(s, '/j/ABCD2345')).status)
    expect(statuses).toEqual([404, 404, 404, 429, 429])
  })
})

describe('personal links, copied again', () => {
  it('lists a live personal invite with the very link it was issued with, and none once revoked', async () => {
    const s = (server = await startTestServer())
    const { id } = await s.createBoard()
    const [bea, nameless] = await Promise.all([s.invite(id, 'brand', 'Bea'), s.invite(id, 'customer')])
    const list = async () => ((await (await s.api(`/api/boards/${id}/invites`)).json()) as { invites: Array<{ name: string | null; url?: string; id: string }> }).invites
    const urls = (await list()).map((i) => i.url)
    expect(urls).toEqual([bea.url, nameless.url])
    expect((await s.api(`/api/boards/${id}/participants/${bea.participantId}/revoke`, { method: 'POST' })).status).toBe(200)
    expect((await list()).map((i) => i.url)).toEqual([undefined, nameless.url])
    // Revoked is revoked, however the token was obtained.
    expect((await s.api(`/api/boards/${id}`, { token: bea.token })).status).toBe(401)
  })
})

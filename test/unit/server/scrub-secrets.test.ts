import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../../server/log'
import { REDACTED, scrubText, scrubValue } from '../../../server/observability/scrub-secrets'

const JWS = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJib2FyZCI6ImIxIiwicm9sZSI6ImJyYW5kIn0.c2lnbmF0dXJlLWJ5dGVz'

describe('scrubText', () => {
  it.each([
    ['/sync/b1?token=abc.def-ghi&x=1', `/sync/b1?token=${REDACTED}&x=1`],
    ['/join/b1?a=1&token=s3cr3t#frag', `/join/b1?a=1&token=${REDACTED}#frag`],
    ['/oembed?url=https%3A%2F%2Fcg.example%2Fb%2Fb1%3Ftoken%3Ds3cr3t%26x%3D1', `/oembed?url=https%3A%2F%2Fcg.example%2Fb%2Fb1%3Ftoken%3D${REDACTED}%26x%3D1`],
    ['authorization: Bearer s3cr3t-admin', `authorization: Bearer ${REDACTED}`],
    [`invalid token ${JWS} given`, `invalid token ${REDACTED} given`],
    ['{"name":"Cy","token":"s3cr3t"}', `{"name":"Cy","token":"${REDACTED}"}`],
    ['{"adminToken": "s\\"3cr3t"}', `{"adminToken": "${REDACTED}"}`],
    ['connect postgres://cg:s3cr3t@db.internal:5432/cg failed', `connect postgres://cg:${REDACTED}@db.internal:5432/cg failed`],
    ['redis://:s3cr3t@127.0.0.1:6379/0', `redis://:${REDACTED}@127.0.0.1:6379/0`]
  ])('takes the secret out of %s', (input, expected) => {
    expect(scrubText(input)).toBe(expected)
    expect(scrubText(input)).not.toContain('s3cr3t')
  })

  it('leaves ordinary text alone', () => {
    for (const text of ['board created', '/api/boards/:id/history', 'tokens: 3', 'x=token', 'http://127.0.0.1:8787/b/x', 'postgres://db.internal/cg']) {
      expect(scrubText(text)).toBe(text)
    }
  })
})

describe('scrubValue', () => {
  it('blanks secret-named fields at any depth and scrubs strings, errors included', () => {
    const err = new Error('fetch /a?token=s3cr3t failed')
    const out = scrubValue({
      token: 's3cr3t',
      nested: { headers: { Authorization: 'Bearer s3cr3t', cookie: 's3cr3t' }, adminToken: 's3cr3t' },
      list: [`${JWS}`],
      err,
      count: 3,
      at: new Date(0)
    })
    const text = JSON.stringify(out)
    expect(text).not.toContain('s3cr3t')
    expect(text).not.toContain(JWS)
    expect(out).toMatchObject({ count: 3, at: '1970-01-01T00:00:00.000Z', err: { type: 'Error', message: `fetch /a?token=${REDACTED} failed` } })
  })

  it('cuts what is too deep rather than walk it', () => {
    let deep: Record<string, unknown> = { token: 's3cr3t' }
    for (let i = 0; i < 20; i++) deep = { deep }
    expect(JSON.stringify(scrubValue(deep))).not.toContain('s3cr3t')
  })
})

describe('createLogger', () => {
  it('writes no token, whichever way a log call carries it', async () => {
    let text = ''
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString()
        done()
      }
    })
    const log = createLogger('debug', sink)
    log.info({ url: '/b/b1?token=s3cr3t', req: { url: '/x?token=s3cr3t', headers: { authorization: 'Bearer s3cr3t' } } }, 'GET /b/b1?token=s3cr3t')
    log.error(new Error(`bad token ${JWS}`))
    log.warn({ err: new Error('at /sync/b1?token=s3cr3t') }, 'socket error with Bearer %s', 's3cr3t')
    log.child({ link: '/join/b1?token=s3cr3t' }).info('joined')
    await new Promise((r) => setImmediate(r))
    const lines = text.trim().split('\n')
    expect(lines).toHaveLength(4)
    expect(text).not.toContain('s3cr3t')
    expect(text).not.toContain(JWS)
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: 50, err: { type: 'Error' } })
  })
})

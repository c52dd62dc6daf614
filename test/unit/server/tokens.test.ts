import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sameSecret, TokenSigner, type TokenClaims } from '../../../server/auth/tokens'

const key = Buffer.from('k'.repeat(32))
const signer = new TokenSigner(key)
const claims: TokenClaims = { board: 'b1', role: 'brand', sub: 'p1', inv: 'i1', exp: 2_000_000_000 }
const now = 1_900_000_000_000
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')

describe('TokenSigner', () => {
  it('verifies what it signed', () => {
    expect(signer.verify(signer.sign(claims), now)).toEqual(claims)
    expect(signer.verify(signer.sign({ ...claims, name: '<b>Bo</b>' }), now)?.name).toBe('<b>Bo</b>')
  })

  it('refuses expired tokens', () => {
    expect(signer.verify(signer.sign({ ...claims, exp: now / 1000 }), now)).toBeNull()
    expect(signer.verify(signer.sign({ ...claims, exp: now / 1000 + 1 }), now)).not.toBeNull()
  })

  it('refuses altered claims, other keys, alg none and other headers', () => {
    const token = signer.sign(claims)
    const [header, , signature] = token.split('.')
    const mac = (input: string, k: Buffer | string) => createHmac('sha256', k).update(input).digest('base64url')
    const altered = `${header}.${b64({ ...claims, role: 'facilitator' })}.${signature}`
    const otherKey = new TokenSigner(Buffer.from('x'.repeat(32))).sign(claims)
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`
    const hs512Header = b64({ alg: 'HS512', typ: 'JWT' })
    const hs512 = `${hs512Header}.${b64(claims)}.${createHmac('sha512', key).update(`${hs512Header}.${b64(claims)}`).digest('base64url')}`
    const kidHeader = b64({ alg: 'HS256', typ: 'JWT', kid: '../../dev/null' })
    const withKid = `${kidHeader}.${b64(claims)}.${mac(`${kidHeader}.${b64(claims)}`, key)}`
    for (const bad of [altered, otherKey, none, hs512, withKid, '', 'a.b', 'a.b.c.d', `${token}.`, token.slice(0, -1)]) {
      expect(signer.verify(bad, now), bad).toBeNull()
    }
  })

  it('refuses well-signed claims of the wrong shape', () => {
    const sign = (payload: unknown) => {
      const h = b64({ alg: 'HS256', typ: 'JWT' })
      const p = b64(payload)
      return `${h}.${p}.${createHmac('sha256', key).update(`${h}.${p}`).digest('base64url')}`
    }
    expect(signer.verify(sign(claims), now)).toEqual(claims)
    for (const bad of [
      { ...claims, role: 'owner' },
      { ...claims, board: '../x' },
      { ...claims, exp: 'never' },
      { ...claims, sub: 5 },
      { ...claims, name: 7 },
      [claims],
      'claims'
    ]) {
      expect(signer.verify(sign(bad), now), JSON.stringify(bad)).toBeNull()
    }
  })

  it('refuses oversized tokens without hashing them', () => {
    expect(signer.verify('a'.repeat(5000), now)).toBeNull()
  })
})

describe('sameSecret', () => {
  it('compares exactly', () => {
    expect(sameSecret('abc', 'abc')).toBe(true)
    expect(sameSecret('abc', 'abd')).toBe(false)
    expect(sameSecret('abc', 'abcd')).toBe(false)
  })
})

import { randomBytes } from 'node:crypto'
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../../shared/join-code'

/** A fresh join code, uniformly drawn from the alphabet (bytes that would bias it are drawn again). */
export function newJoinCode(random: (n: number) => Uint8Array = randomBytes): string {
  const n = JOIN_CODE_ALPHABET.length
  const limit = 256 - (256 % n)
  let code = ''
  while (code.length < JOIN_CODE_LENGTH) {
    for (const b of random(JOIN_CODE_LENGTH)) {
      if (b < limit && code.length < JOIN_CODE_LENGTH) code += JOIN_CODE_ALPHABET[b % n]
    }
  }
  return code
}

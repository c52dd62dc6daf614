import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { UnwrittenTails } from '../../server/store/embedded/unwritten-tails'

// Appends a failed journal could not write to its board's file (a full disk), written by the next load.

let dir: string | null = null

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = null
})

it('writes the kept appends at their place, over whatever a failed write left there, once', async () => {
  dir = await mkdtemp(join(tmpdir(), 'cg-unwritten-'))
  const path = join(dir, 'journal.cgj')
  // Ten bytes written before the failure, then three of a write the disk cut short.
  await writeFile(path, Buffer.concat([Buffer.from('0123456789'), Buffer.from('xyz')]))
  const tails = new UnwrittenTails()
  tails.keep('b', 10, Buffer.from('ABCDEF'))
  expect(tails.has('b')).toBe(true)
  await tails.restore('b', path)
  expect((await readFile(path)).toString()).toBe('0123456789ABCDEF')
  expect(tails.has('b')).toBe(false)
  // Nothing kept: a later load leaves the file alone.
  await tails.restore('b', path)
  expect((await readFile(path)).toString()).toBe('0123456789ABCDEF')
})

it('keeps them, and refuses the load, when the file lacks what came before them', async () => {
  dir = await mkdtemp(join(tmpdir(), 'cg-unwritten-'))
  const path = join(dir, 'journal.cgj')
  await writeFile(path, Buffer.from('01234'))
  const tails = new UnwrittenTails()
  tails.keep('b', 10, Buffer.from('ABCDEF'))
  await expect(tails.restore('b', path)).rejects.toThrow(/shorter/)
  expect(tails.has('b')).toBe(true)
  expect((await readFile(path)).toString()).toBe('01234')
})

import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { StaticFiles, etagMatches, pickEncoding } from './static-files'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cg-static-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const script = 'export const words = ' + JSON.stringify(Array.from({ length: 400 }, (_, i) => `concept ${i % 17}`)) + '\n'

describe('StaticFiles', () => {
  it('serves a file from memory with a strong ETag, the same until the file changes on disk', async () => {
    await writeFile(join(dir, 'board.js'), script)
    const files = new StaticFiles(dir)
    const first = await files.get('board.js')
    expect(Buffer.from(first!.body).toString()).toBe(script)
    expect(first!.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/)
    expect(await files.get('board.js')).toBe(first)

    await writeFile(join(dir, 'board.js'), script + '// rebuilt\n')
    const rebuilt = await files.get('board.js')
    expect(Buffer.from(rebuilt!.body).toString()).toContain('// rebuilt')
    expect(rebuilt!.etag).not.toBe(first!.etag)
  })

  it('notices a rewrite of the same size by its modification time', async () => {
    const path = join(dir, 'a.js')
    await writeFile(path, 'export const a = 1\n')
    const files = new StaticFiles(dir)
    const before = await files.get('a.js')
    await writeFile(path, 'export const a = 2\n')
    await utimes(path, new Date(), new Date(Date.now() + 5000))
    expect(Buffer.from((await files.get('a.js'))!.body).toString()).toBe('export const a = 2\n')
    expect((await files.get('a.js'))!.etag).not.toBe(before!.etag)
  })

  it('has nothing for a missing file or a folder', async () => {
    await mkdir(join(dir, 'chunks'))
    const files = new StaticFiles(dir)
    expect(await files.get('nope.js')).toBeNull()
    expect(await files.get('chunks')).toBeNull()
  })

  it('compresses text once per encoding, to bytes that decompress to the file', async () => {
    await writeFile(join(dir, 'board.js'), script)
    const file = (await new StaticFiles(dir).get('board.js'))!
    const br = (await file.encoded('br'))!
    const gz = (await file.encoded('gzip'))!
    expect(br.byteLength).toBeLessThan(script.length / 4)
    expect(brotliDecompressSync(br).toString()).toBe(script)
    expect(gunzipSync(gz).toString()).toBe(script)
    expect(await file.encoded('br')).toBe(br)
  })

  it('leaves small files, images and what compression would not shrink as they are', async () => {
    await writeFile(join(dir, 'tiny.js'), 'export {}\n')
    await writeFile(join(dir, 'icon.png'), Buffer.alloc(4096, 1))
    await writeFile(join(dir, 'noise.json'), randomBytes(4096))
    const files = new StaticFiles(dir)
    expect(await (await files.get('tiny.js'))!.encoded('br')).toBeNull()
    expect(await (await files.get('icon.png'))!.encoded('gzip')).toBeNull()
    // Random bytes do not shrink: gzip's own framing makes them longer, so they go as they are.
    expect(await (await files.get('noise.json'))!.encoded('gzip')).toBeNull()
    expect(await (await files.get('noise.json'))!.encoded('br')).toBeNull()
  })
})

describe('pickEncoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR;Q=0.5', 'br'],
    ['gzip;q=0', null],
    ['identity', null],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['deflate, *;q=0.1', 'br'],
    ['br;q=nonsense, gzip', 'gzip']
  ])('%j → %j', (header, expected) => {
    expect(pickEncoding(header)).toBe(expected)
  })
})

describe('etagMatches', () => {
  it('matches the tag, its weak form, a list holding it and *, and nothing else', () => {
    const tag = '"abc"'
    expect(etagMatches('"abc"', tag)).toBe(true)
    expect(etagMatches('W/"abc"', tag)).toBe(true)
    expect(etagMatches('"x", "abc"', tag)).toBe(true)
    expect(etagMatches('*', tag)).toBe(true)
    expect(etagMatches('"abcd"', tag)).toBe(false)
    expect(etagMatches(undefined, tag)).toBe(false)
  })
})

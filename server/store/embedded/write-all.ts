import { writeSync } from 'node:fs'

/**
 * Writes all of `buf` at the end of `fd` (opened for appending) with synchronous write(2)s: when it
 * returns, the bytes are in the kernel's page cache and survive a kill of this process.
 */
export function writeAll(fd: number, buf: Uint8Array): void {
  let written = 0
  while (written < buf.length) written += writeSync(fd, buf, written)
}

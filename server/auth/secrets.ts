import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { SecretKeeper } from '../store/secrets'

/** Secrets as files in DATA_DIR (readable by the owner only), created on first start. */
export function fileSecrets(dataDir: string): SecretKeeper {
  return {
    async loadOrCreate(name, make) {
      const path = join(dataDir, name)
      try {
        const value = (await readFile(path, 'utf8')).trim()
        if (value.length > 0) return { value, created: false }
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
      }
      const value = make()
      await writeFile(path, `${value}\n`, { mode: 0o600, flag: 'w' })
      return { value, created: true }
    }
  }
}

export interface ServiceSecrets {
  adminToken: string
  /** Whether the admin token was generated just now (so it is worth printing prominently). */
  adminTokenCreated: boolean
  tokenSigningKey: Buffer
}

/** The names the secrets are kept under (file names in DATA_DIR, rows in PostgreSQL). */
export const ADMIN_TOKEN_SECRET = 'admin-token'
export const SIGNING_KEY_SECRET = 'token-signing-key'

/** `source`: a DATA_DIR (files) or a keeper shared by every instance; ADMIN_TOKEN from the environment always wins. */
export async function loadSecrets(source: string | SecretKeeper, adminTokenFromEnv: string | undefined): Promise<ServiceSecrets> {
  const keeper = typeof source === 'string' ? fileSecrets(source) : source
  const admin = adminTokenFromEnv
    ? { value: adminTokenFromEnv, created: false }
    : await keeper.loadOrCreate(ADMIN_TOKEN_SECRET, () => randomBytes(24).toString('base64url'))
  const key = await keeper.loadOrCreate(SIGNING_KEY_SECRET, () => randomBytes(32).toString('hex'))
  return { adminToken: admin.value, adminTokenCreated: admin.created, tokenSigningKey: Buffer.from(key.value, 'hex') }
}

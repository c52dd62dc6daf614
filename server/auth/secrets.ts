import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Reads a secret kept in DATA_DIR, creating it (readable by the owner only) on first start. */
async function loadOrCreate(path: string, make: () => string): Promise<{ value: string; created: boolean }> {
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

export interface ServiceSecrets {
  adminToken: string
  /** Whether the admin token was generated just now (so it is worth printing prominently). */
  adminTokenCreated: boolean
  tokenSigningKey: Buffer
}

export async function loadSecrets(dataDir: string, adminTokenFromEnv: string | undefined): Promise<ServiceSecrets> {
  const admin = adminTokenFromEnv
    ? { value: adminTokenFromEnv, created: false }
    : await loadOrCreate(join(dataDir, 'admin-token'), () => randomBytes(24).toString('base64url'))
  const key = await loadOrCreate(join(dataDir, 'token-signing-key'), () => randomBytes(32).toString('hex'))
  return { adminToken: admin.value, adminTokenCreated: admin.created, tokenSigningKey: Buffer.from(key.value, 'hex') }
}

/**
 * Where the service keeps its own secrets (the admin token, the token-signing key). Several
 * instances must share them, so with PostgreSQL they live in the database; the embedded store keeps
 * them as files in DATA_DIR.
 */
export interface SecretKeeper {
  /** The secret called `name`, made with `make` on first use; every caller, on any instance, gets the same value. */
  loadOrCreate(name: string, make: () => string): Promise<{ value: string; created: boolean }>
}

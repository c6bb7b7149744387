/** The `extensions.persistedQuery` that names an operation by its hash, as the server reads it. */
export type PersistedQuery = { persistedQuery: { version: 1; sha256Hash: string } };

/**
 * The operation named by the SHA-256 codegen gave it at build time (trusted documents): a production build
 * sends only that, and the server runs the operation it persisted under it. Null for a document without one.
 */
export function persisted(document: { __meta__?: Record<string, unknown> }): PersistedQuery | null {
  const hash = document.__meta__?.hash as string | undefined;
  return hash ? { persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, '') } } : null;
}

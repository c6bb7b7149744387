import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './lib/paths.js';

/** The web app's operations as codegen persisted them at build time: SHA-256 → document. */
export interface TrustedDocuments {
  /** The document with this SHA-256 (hex, as in extensions.persistedQuery.sha256Hash), or null. */
  byHash(sha256: string): string | null;
  readonly size: number;
}

/** Where `npm run codegen` writes the web app's persisted documents (committed with the code). */
export const TRUSTED_DOCUMENTS_FILE = join('web', 'src', 'gql', 'persisted-documents.json');

export function loadTrustedDocuments(file = join(packageRoot(), TRUSTED_DOCUMENTS_FILE)): TrustedDocuments {
  const documents = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const byKey = new Map(Object.entries(documents));
  return { byHash: (sha256) => byKey.get(`sha256:${sha256}`) ?? null, size: byKey.size };
}

/** The hash a request names its persisted operation by (Apollo's automatic persisted queries format). */
export function persistedHashOf(extensions: unknown): string | null {
  const persisted = (extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | null | undefined)?.persistedQuery;
  return persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : null;
}

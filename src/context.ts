import type { Viewer } from './resolvers/accounts/viewer.js';
import type { Services } from './resolvers/services.js';

/** Plain on purpose: per-request state lives here, everything shared lives in `services`. */
export interface Context {
  services: Services;
  /** Who is asking: null for anonymous requests. */
  viewer: Viewer | null;
  /** Set when the request carried a token that was rejected, so "signed in" fields can say why. */
  authError: string | null;
  /** The caller's address (rate limits for guests); null when unknown. */
  clientIp: string | null;
}

export async function createContext(services: Services, authorization: string | null | undefined, clientIp: string | null = null): Promise<Context> {
  const token = bearerToken(authorization);
  if (!token) return { services, viewer: null, authError: null, clientIp };
  const result = await services.accounts.viewerFromToken(token);
  return result.ok ? { services, viewer: result.viewer, authError: null, clientIp } : { services, viewer: null, authError: result.reason, clientIp };
}

function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** Whether an Authorization header carries a token that holds (a signed-in caller, not just a header). */
export async function holdsValidToken(services: Services, authorization: string | null | undefined): Promise<boolean> {
  const token = bearerToken(authorization);
  return token !== null && (await services.accounts.viewerFromToken(token)).ok;
}

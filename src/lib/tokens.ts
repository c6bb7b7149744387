import { createHmac, timingSafeEqual } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

export interface TokenClaims {
  userId: number;
  isAdmin: boolean;
  /** When the token stops holding (long-lived subscriptions check it at every event). */
  expiresAt?: Date;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: string };

const ISSUER = 'folio';
const ALGORITHM = 'HS256';

export class TokenSigner {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(claims: TokenClaims, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = new Date((issuedAt + this.ttlSeconds) * 1000);
    const token = await new SignJWT({ adm: claims.isAdmin })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(String(claims.userId))
      .setIssuer(ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /**
   * A token that lets whoever holds it follow one thing (a guest's order) without an account: derived from
   * the secret and the thing, so it is never stored and a repeat of the request that made it gets it again.
   */
  accessToken(purpose: string, id: number): string {
    return createHmac('sha256', this.key).update(`${purpose}:${id}`).digest('base64url');
  }

  holdsAccess(purpose: string, id: number, token: string): boolean {
    const expected = Buffer.from(this.accessToken(purpose, id));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async verify(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: [ALGORITHM] });
      const userId = Number(payload.sub);
      if (!Number.isSafeInteger(userId) || userId <= 0) return { ok: false, reason: 'The access token is invalid.' };
      return { ok: true, claims: { userId, isAdmin: payload.adm === true, expiresAt: payload.exp ? new Date(payload.exp * 1000) : undefined } };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'The access token has expired; sign in again.' };
      return { ok: false, reason: 'The access token is invalid.' };
    }
  }
}

import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'pbe_';

/** A new bearer token: 32 random bytes. Only its hash is stored; the token is shown once. */
export function newToken(): { token: string; hash: string; prefix: string } {
  const token = PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token), prefix: token.slice(0, PREFIX.length + 6) };
}

/** Tokens carry 256 bits of randomness, so a plain SHA-256 is enough (no password-style stretching). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeJwt(token: string): boolean {
  return !token.startsWith(PREFIX) && token.split('.').length === 3;
}

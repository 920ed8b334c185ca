import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'session';
export const CSRF_HEADER = 'X-CSRF-Token';

/** A new secret for a session cookie or a link: 256 random bits, stored only as its SHA-256 (hashToken). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The `session` cookie of a request, or undefined. Parsed here (a few lines) rather than through a
 * cookie library the project does not declare; the values this service sets are base64url, so no
 * decoding is involved.
 */
export function sessionCookieOf(req: Pick<Request, 'headers'>): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    if (value) return value;
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs), Path=/ and, when the request
 * came over HTTPS (req.secure, which believes X-Forwarded-Proto only from TRUST_PROXY), Secure. No
 * Max-Age: the browser forgets it when it closes (shared office computers); the server's own expiry holds anyway.
 */
export function setSessionCookie(req: Request, res: Response, value: string): void {
  res.cookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'lax', path: '/', secure: req.secure });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: req.secure });
}

/** Methods that change something: a cookie alone is not enough for them (CSRF). */
export function isUnsafe(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfMatches(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';

/** Verifies JWTs from one configured issuer against its JWKS (fetched and cached by jose). */
export class JwtVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    private readonly issuer: string,
    jwksUrl: string,
    private readonly audience?: string,
  ) {
    this.keys = createRemoteJWKSet(new URL(jwksUrl));
  }

  /** The token's subject, or null when the token is not valid for this issuer. */
  async subject(token: string): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.keys, { issuer: this.issuer, audience: this.audience });
      return typeof payload.sub === 'string' ? payload.sub : null;
    } catch {
      return null;
    }
  }
}

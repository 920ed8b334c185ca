import { DomainError } from '../common/errors.js';
import { CSRF_HEADER } from './session-cookie.js';

/** The one answer to every failed sign-in, whatever the reason, so it cannot tell which emails exist. */
export class InvalidCredentials extends DomainError {
  constructor() {
    super(401, 'invalid_credentials', 'wrong email or password');
  }
}

export class NotSignedIn extends DomainError {
  constructor() {
    super(401, 'unauthorized', 'not signed in: no session cookie, or the session has ended (signed out, expired or revoked); sign in again');
  }
}

export class CsrfTokenInvalid extends DomainError {
  constructor(sent: boolean) {
    super(
      403,
      'csrf_token_invalid',
      `${sent ? 'the' : 'missing'} ${CSRF_HEADER} header${sent ? ' does not match this session' : ''}: a request that changes something, signed in by cookie, must send ${CSRF_HEADER} with the csrfToken from POST /auth/sign-in or GET /auth/session`,
    );
  }
}

export class LinkNotFound extends DomainError {
  constructor() {
    super(404, 'link_not_found', 'no such sign-in link: check that the whole link was copied, or ask an admin for a new one');
  }
}

export class LinkGone extends DomainError {
  constructor(why: 'used' | 'expired' | 'deactivated', at?: Date) {
    const message = {
      used: `this link was already used${at ? ` (at ${at.toISOString()})` : ''}; each link works once: sign in with your password, or ask an admin for a new link`,
      expired: `this link expired${at ? ` at ${at.toISOString()}` : ''}; ask an admin for a new one`,
      deactivated: 'this link is for a person who has been deactivated; ask an admin',
    }[why];
    super(410, `link_${why}`, message);
  }
}

/**
 * Errors the services raise on purpose. The global filter turns each into one JSON shape:
 * `{ statusCode, error, message, ...details }`.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export class NotFound extends DomainError {
  constructor(what: string, id: string) {
    super(404, 'not_found', `no ${what} with id "${id}"`);
  }
}

export class Conflict extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(409, 'conflict', message, details);
  }
}

export class BadRequest extends DomainError {
  constructor(message: string, problems: { field: string; problems: string[] }[] = []) {
    super(400, 'bad_request', message, problems.length ? { problems } : {});
  }
}

export class Unprocessable extends DomainError {
  constructor(message: string) {
    super(422, 'unprocessable', message);
  }
}

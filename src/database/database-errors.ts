const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN']);

/**
 * True when the error means "the database cannot be reached right now" (answered 503), as opposed to a
 * query that the database rejected.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (let cur = e as { code?: string; message?: string; driverError?: unknown; cause?: unknown } | undefined, depth = 0; cur && depth < 5; depth++) {
    const code = cur.code ?? '';
    if (NETWORK_CODES.has(code)) return true;
    // SQLSTATE class 08 (connection exception), 57P01-57P03 (server shutting down or starting up).
    if (/^08/.test(code) || /^57P0[123]$/.test(code)) return true;
    const msg = cur.message ?? '';
    if (/Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed|Cannot use a pool after calling end|Driver not Connected|PGlite is closed/i.test(msg)) return true;
    cur = (cur.driverError ?? cur.cause) as typeof cur;
  }
  return false;
}

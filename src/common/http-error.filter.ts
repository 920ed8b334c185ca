import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from './errors.js';
import { BODY_LIMIT_BYTES } from './request-shape.js';
import { isDatabaseUnavailable } from '../database/database-errors.js';

/** One JSON shape for every error: `{ statusCode, error, message, path, ...details }`; never a 500 for a client's mistake. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const { status, body } = this.describe(exception);
    if (status >= 500) this.log.error(`${req.method} ${req.path} → ${status}: ${(exception as Error)?.stack ?? String(exception)}`);
    if (status === 503) res.setHeader('Retry-After', '5');
    res.status(status).json({ statusCode: status, ...body, path: req.path });
  }

  private describe(e: unknown): { status: number; body: Record<string, unknown> } {
    // The body parser's own wording ("request entity too large") does not say what the limit is.
    const status = e instanceof HttpException ? e.getStatus() : (e as { status?: unknown })?.status;
    if (status === 413) {
      return { status: 413, body: { error: 'payload_too_large', message: `request body is too large: at most ${BODY_LIMIT_BYTES / 1024} kB (${BODY_LIMIT_BYTES} bytes)`, limitBytes: BODY_LIMIT_BYTES } };
    }
    // Nest wraps the JSON parser's error in an HttpException and keeps it as the cause.
    const parse = ((e as { cause?: unknown })?.cause ?? e) as { type?: string; message?: string };
    if (parse?.type === 'entity.parse.failed') return { status: 400, body: { error: 'bad_request', message: `request body is not valid JSON: ${parse.message}` } };
    if (e instanceof DomainError) return { status: e.status, body: { error: e.code, message: e.message, ...e.details } };
    if (e instanceof HttpException) {
      const r = e.getResponse();
      const message = typeof r === 'string' ? r : ((r as { message?: unknown }).message ?? e.message);
      return { status: e.getStatus(), body: { error: codeOf(e.getStatus()), message } };
    }
    // Errors from the JSON body parser carry their own status (400 bad JSON, 413 too large).
    const p = e as { type?: string; status?: number; message?: string };
    if (typeof p?.status === 'number' && p.status >= 400 && p.status < 500) {
      return { status: p.status, body: { error: codeOf(p.status), message: p.message ?? 'bad request' } };
    }
    if (isDatabaseUnavailable(e)) {
      return { status: 503, body: { error: 'unavailable', message: 'the database is unreachable; try again shortly' } };
    }
    return { status: 500, body: { error: 'internal', message: 'internal error; it has been logged' } };
  }
}

function codeOf(status: number): string {
  return (
    { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed', 409: 'conflict', 413: 'payload_too_large', 415: 'unsupported_media_type', 422: 'unprocessable', 429: 'too_many_requests', 503: 'unavailable' }[status] ??
    (status >= 500 ? 'internal' : 'bad_request')
  );
}

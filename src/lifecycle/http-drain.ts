import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Closes the HTTP server the graceful way: no new connections, the requests in flight finish, and then
 * the connections close. Node's server.close() alone is not enough: a kept-alive connection stays open
 * after its response until keepAliveTimeout, holding the close back, and a client could send a new
 * request on it. So responses written from the drain on say `Connection: close`.
 */
@Injectable()
export class HttpDrain implements OnApplicationBootstrap {
  private server: Server | null = null;
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    this.server = (this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined) ?? null;
    // Before express, so that the header is set before any handler can write.
    this.server?.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => this.track(res));
  }

  /** Requests received and not yet answered (or abandoned by their client). */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /**
   * Stops accepting connections at once, then waits until every connection has closed, or until
   * `graceOver` settles; then cuts the ones left. Answers how many responses were cut.
   */
  async close(graceOver: Promise<void>): Promise<{ cut: number }> {
    this.draining = true;
    const server = this.server;
    if (!server) return { cut: 0 };
    // On a server that never listened (a test app) the callback receives an error: closed all the same.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const res of this.inFlight) this.closeAfter(res);
    server.closeIdleConnections();
    const outcome = await Promise.race([closed.then(() => 'closed' as const), graceOver.then(() => 'grace' as const)]);
    if (outcome === 'closed') return { cut: 0 };
    const cut = this.inFlight.size;
    server.closeAllConnections();
    await closed;
    return { cut };
  }

  private track(res: ServerResponse): void {
    // A request that came on a connection opened before the drain: served, then its connection closes.
    if (this.draining) this.closeAfter(res);
    this.inFlight.add(res);
    // 'close' comes after the response is sent, or when the client went away first.
    res.once('close', () => this.inFlight.delete(res));
  }

  private closeAfter(res: ServerResponse): void {
    if (!res.headersSent) res.setHeader('Connection', 'close');
    // A response whose headers went out already (keep-alive) leaves an idle connection behind: close it.
    else res.once('finish', () => this.server?.closeIdleConnections());
  }
}

// autocannon 9 ships no types; only what bench/http uses is declared.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }

  interface Client extends EventEmitter {
    setRequests(requests: Request[]): void;
  }

  interface Options {
    url: string;
    connections?: number;
    amount?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    setupClient?: (client: Client) => void;
  }

  interface Result {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
  }

  interface Instance extends EventEmitter, PromiseLike<Result> {
    stop(): void;
  }

  function autocannon(opts: Options): Instance;
  export default autocannon;
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { sleep } from './http.js';

/** What one (re)start cost: spawns needed (a stale data-folder lock makes the first ones fail) and time. */
export interface StartReport {
  ms: number;
  attempts: number;
  /** Why the failed attempts failed, deduplicated. */
  refusals: string[];
}

export class RestartFailed extends Error {}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The real service as a child process (`node dist/src/main.js`), started, killed and restarted the
 * way an operator's supervisor would. Its output goes to a log file; the last lines are kept to say
 * why a start failed.
 */
export class Service {
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  private readonly log: WriteStream;
  private readonly tail: string[] = [];
  /** Output of the latest spawn only, to tell why that start failed. */
  private spawnLines: string[] = [];
  private readonly listeners = new Set<(line: string) => void>();
  port = 0;

  constructor(
    private readonly root: string,
    private readonly env: Record<string, string>,
    readonly logFile: string,
  ) {
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** The running child's process id (bench:http reads its memory from /proc); 0 when stopped. */
  get pid(): number {
    return this.child?.pid ?? 0;
  }

  /** Every line the service prints, from now on (the first-run tokens are only ever printed). */
  onLine(listener: (line: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  lastLines(n = 15): string {
    return this.tail.slice(-n).join('\n');
  }

  /**
   * Starts the service and waits until GET /health answers 200. A start refused because the data
   * folder is still locked by the killed process (or the port was taken meanwhile) is retried until
   * `timeoutMs`; any other early exit is a failed restart.
   */
  async start(timeoutMs: number): Promise<StartReport> {
    if (!this.port) this.port = await freePort();
    const t0 = performance.now();
    const deadline = t0 + timeoutMs;
    const refusals = new Set<string>();
    let attempts = 0;
    for (;;) {
      attempts++;
      this.spawnOnce();
      const outcome = await this.healthyOrExit(deadline);
      if (outcome === 'healthy') return { ms: performance.now() - t0, attempts, refusals: [...refusals] };
      const why = this.spawnLines.slice(-40).join('\n');
      if (outcome === 'timeout') {
        await this.kill();
        throw new RestartFailed(`not healthy within ${timeoutMs} ms after ${attempts} start(s); last output:\n${why}`);
      }
      if (/in use by another process/.test(why)) {
        refusals.add('data folder locked by the killed process');
      } else if (/EADDRINUSE/.test(why)) {
        refusals.add(`port ${this.port} taken; moved to another`);
        this.port = await freePort();
      } else {
        throw new RestartFailed(`the service exited during start (attempt ${attempts}); last output:\n${why}`);
      }
      if (performance.now() > deadline) throw new RestartFailed(`still refused after ${attempts} starts in ${timeoutMs} ms: ${[...refusals].join('; ')}`);
      // Quick first retries so a lock that is released at once costs little; then back off.
      await sleep(Math.min(1000, 100 * attempts));
    }
  }

  /** SIGKILL: no shutdown hook runs, no lock is released, in-flight transactions die with it. */
  async kill(): Promise<void> {
    if (!this.child) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A clean stop (SIGTERM runs Nest's shutdown hooks and releases the data folder). */
  async stop(timeoutMs = 15_000): Promise<'clean' | 'forced'> {
    if (!this.child) return 'clean';
    const child = this.child;
    child.kill('SIGTERM');
    const done = await Promise.race([this.exited.then(() => true), sleep(timeoutMs).then(() => false)]);
    if (done) return 'clean';
    child.kill('SIGKILL');
    await this.exited;
    return 'forced';
  }

  /** Runs the project's CLI (`dist/src/cli.js`) with the service's environment; resolves with its output. */
  async cli(args: string[]): Promise<string> {
    const child = spawn(process.execPath, [join(this.root, 'dist/src/cli.js'), ...args], { cwd: this.root, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    this.log.write(`[chaos] cli ${args.join(' ')} → ${code}\n${out}`);
    if (code !== 0) throw new Error(`cli ${args[0]} failed (${code}): ${out.trim()}`);
    return out;
  }

  close(): void {
    this.log.end();
  }

  private spawnOnce(): void {
    const child = spawn(process.execPath, [join(this.root, 'dist/src/main.js')], {
      cwd: this.root,
      env: { ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.spawnLines = [];
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        if (this.child === child) this.child = null;
        this.log.write(`[chaos] ${new Date().toISOString()} service pid ${child.pid} exited (${code ?? signal})\n`);
        resolve(code);
      }),
    );
    this.log.write(`[chaos] ${new Date().toISOString()} service pid ${child.pid} started on port ${this.port}\n`);
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream.on('data', (chunk: Buffer) => {
        this.log.write(chunk);
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop()!;
        for (const line of lines) this.heard(line);
      });
      stream.on('end', () => partial && this.heard(partial));
    }
  }

  private heard(line: string): void {
    this.tail.push(line);
    this.spawnLines.push(line);
    if (this.spawnLines.length > 200) this.spawnLines.splice(0, 100);
    if (this.tail.length > 200) this.tail.splice(0, 100);
    for (const l of this.listeners) l(line);
  }

  private async healthyOrExit(deadline: number): Promise<'healthy' | 'exited' | 'timeout'> {
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (performance.now() < deadline) {
      if (exited) return 'exited';
      try {
        const res = await fetch(`${this.base}/health`, { signal: AbortSignal.timeout(1000) });
        await res.text();
        if (res.ok && !exited) return 'healthy';
      } catch {
        // Not listening yet.
      }
      await sleep(50);
    }
    return 'timeout';
  }
}

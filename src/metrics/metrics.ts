import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { CLOCK, type Clock } from '../common/clock.js';
import { Database } from '../database/database.js';
import { databaseGauges } from './database-gauges.js';

/** How an engine command ended: applied; refused by the machine (409); refused before it (other 4xx); failed. */
export type EventOutcome = 'accepted' | 'refused' | 'rejected' | 'error';

/**
 * The service's Prometheus instruments, in a registry of this app instance's own (not prom-client's
 * global one): two apps in one process, as in the tests, would otherwise register the same names
 * twice. Counters and histograms are kept in memory; the gauges that describe stored rows are
 * computed at scrape time (database-gauges.ts), so every replica reports the same truth.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  /** Engine commands (events, opens, task commands, migrations) by type and outcome. */
  readonly events = new Counter({
    name: 'engine_events_total',
    help: 'Engine commands by event type and outcome (accepted, refused: 409 from the machine, rejected: other 4xx, error)',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  /** Time in the engine, its transaction included: what the lock on the incident row is held for, and more. */
  readonly eventSeconds = new Histogram({
    name: 'engine_event_duration_seconds',
    help: 'Time an engine command takes, its database transaction included, by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly timersFired = new Counter({
    name: 'engine_timers_fired_total',
    help: 'Claimed timers by outcome: fired; skipped (already fired elsewhere, or its state was left); failed (retried when the lease ends)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  /** Labelled by the route's template (/incidents/:id/events), never the raw path, so ids do not make series. */
  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route template and status; route "unmatched" for requests answered before routing (unknown path, 413, 415, 429)',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpSeconds = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(db: Database, @Inject(CLOCK) clock: Clock) {
    collectDefaultMetrics({ register: this.registry });
    databaseGauges(this.registry, db, clock);
  }

  /** The Prometheus text exposition of every metric, scrape-time gauges computed now. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

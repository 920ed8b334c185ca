// Every request of the console goes through the typed client (./client), which throws an ApiError for any
// answer that is not 2xx and for a service it cannot reach (status 0); pages want just the data.
import { ApiError, client } from './client';

/** The data of a typed client call (client.GET('/incidents/{id}', …)); errors were already thrown. */
export async function data<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T;
}

/** The error body's details (retryAt, allowedEvents, problems…), when the service sent them. */
export const errorBody = (e: unknown): Record<string, unknown> => (e instanceof ApiError ? (e.body ?? {}) : {});

/** A fresh Idempotency-Key for one user action; the retries of that action reuse it. */
export const newKey = () => (typeof crypto !== 'undefined' && crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

export { ApiError, client };

import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AppError } from '../../shared/result';

/**
 * Whether this till can reach its database, judged from the outcome of every real request: an
 * answer of any kind (even a refusal) means online; no answer at all (refused connection, timeout,
 * DNS failure) means offline. Reads skip the network while offline, so the till stays fast, and the
 * sync worker's retries are what notice the database is back.
 */
export interface Connectivity {
  readonly online: boolean;
  /** When the state last changed, ISO. */
  readonly since: string;
  reached(): void;
  lost(): void;
}

export function createConnectivity(now: () => Date = () => new Date()): Connectivity {
  let online = true;
  let since = now().toISOString();
  return {
    get online() {
      return online;
    },
    get since() {
      return since;
    },
    reached() {
      if (!online) since = now().toISOString();
      online = true;
    },
    lost() {
      if (online) since = now().toISOString();
      online = false;
    },
  };
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);

/** True when the request never got an answer from DynamoDB (as opposed to an answer that says no). */
export function isNetworkError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; cause?: unknown };
  if (error instanceof AppError) return false;
  if (e.$metadata?.httpStatusCode) return false;
  if (['TimeoutError', 'RequestTimeout', 'AbortError', 'NetworkingError'].includes(e.name ?? '')) return true;
  if ((e.code && NETWORK_CODES.has(e.code)) || (e.name && NETWORK_CODES.has(e.name))) return true;
  if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|getaddrinfo/i.test((error as { message?: string }).message ?? '')) return true;
  if (e.cause) return isNetworkError(e.cause);
  return false;
}

/** Reports every DynamoDB request's outcome (after the SDK's own retries) to `connectivity`. */
export function watchConnectivity(client: DynamoDBClient, connectivity: Connectivity): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        const result = await next(args);
        connectivity.reached();
        return result;
      } catch (error) {
        if (isNetworkError(error)) connectivity.lost();
        else if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode) connectivity.reached();
        throw error;
      }
    },
    { step: 'initialize', name: 'coffeeCloudConnectivity' },
  );
}

/** The error a read gives when it can't fall back to what this till last saw. */
export const OFFLINE_MESSAGE = 'This till can’t reach the database right now.';

/**
 * A read that falls back to what this till last knew (the menu, settings, customers seen): while
 * offline it goes straight to that copy instead of waiting on a dead network, and a read that finds
 * the network gone uses it too. With no copy, OFFLINE, with `missing` saying what the till lacks.
 */
export async function readOrLastKnown<T>(connectivity: Connectivity | undefined, read: () => Promise<T>, lastKnown: () => T | null, missing: string): Promise<T> {
  const offline = () => {
    const known = lastKnown();
    if (known !== null) return known;
    throw new AppError('OFFLINE', `${OFFLINE_MESSAGE} ${missing}`);
  };
  if (connectivity && !connectivity.online) return offline();
  try {
    return await read();
  } catch (error) {
    if (!isNetworkError(error)) throw error;
    return offline();
  }
}

/** What went wrong with the connection, in words a barista can act on. */
export function describeNetworkProblem(error: unknown): string {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? /\b(E[A-Z]+)\b/.exec(e.message ?? '')?.[1];
  if (e.name === 'TimeoutError' || code === 'ETIMEDOUT') return 'the database didn’t answer in time';
  if (code === 'ECONNREFUSED') return 'the database isn’t accepting connections';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the internet is down (the database’s address can’t be looked up)';
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH') return 'there is no network route to the database';
  return 'the connection to the database dropped';
}

import type { Channel, InputOf, OutputOf, PosApi } from '../../shared/contract';
import { buildPosApi } from '../../shared/pos-api';
import type { PosError, Result } from '../../shared/result';
import { createWebTransport, isWebDisplay } from './web-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser build. */
    pos?: PosApi;
  }
}

/**
 * Whether this page is the customer display. What it may call is main's decision (by window or by
 * secret); this only picks what the page draws.
 */
export const isCustomerDisplay: boolean = window.pos ? window.location.hash === '#display' : isWebDisplay();

/** The only module that touches window.pos; features call `callPos` through their hooks. */
const api: PosApi = window.pos ?? buildPosApi(createWebTransport());

/** A failed Result, thrown so react-query sees it as an error; the message is for people. */
export class PosCallError extends Error {
  readonly code: PosError['code'];
  readonly details: PosError['details'];
  constructor(error: PosError) {
    super(error.message);
    this.name = 'PosCallError';
    this.code = error.code;
    this.details = error.details;
  }
}

export async function callPos<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const [domain, verb] = channel.split('.') as [string, string];
  const byDomain = api as unknown as Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>>;
  const result = await byDomain[domain]![verb]!(input);
  if (!result.ok) throw new PosCallError(result.error);
  return result.data as OutputOf<C>;
}

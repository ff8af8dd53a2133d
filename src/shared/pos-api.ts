import { CHANNELS, type Channel, type PosApi } from './contract';
import type { Result } from './result';

/**
 * Builds `window.pos` from the contract over some transport: Electron's preload passes
 * ipcRenderer.invoke, the browser build passes the web bridge's fetch. Nothing else can be called.
 */
export function buildPosApi(call: (channel: Channel, input: unknown) => Promise<Result<unknown>>): PosApi {
  const api: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of CHANNELS) {
    const [domain, verb] = channel.split('.') as [string, string];
    (api[domain] ??= {})[verb] = (input: unknown) => call(channel, input ?? {});
  }
  return api as unknown as PosApi;
}

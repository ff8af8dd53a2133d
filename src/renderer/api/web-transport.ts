import type { Channel } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';

/**
 * The browser build's transport: POST to the loopback web bridge with the per-launch secret, which
 * arrives once in the URL fragment (#k=…) and is then kept in this tab's sessionStorage only.
 */
const SECRET_KEY = 'pos.bridgeSecret';
const CLIENT_KEY = 'pos.clientId';
const DISPLAY_KEY = 'pos.display';

/** #k=… opens the till; #d=… the customer display, whose secret reads the display's feed only. */
function takeSecretFromUrl(): string | null {
  const match = /(?:^#|&)([kd])=([^&]+)/.exec(window.location.hash);
  if (match?.[2]) {
    sessionStorage.setItem(SECRET_KEY, decodeURIComponent(match[2]));
    if (match[1] === 'd') sessionStorage.setItem(DISPLAY_KEY, '1');
    else sessionStorage.removeItem(DISPLAY_KEY);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(SECRET_KEY);
}

/** Whether this tab is a customer display (opened with its link), rather than a till. */
export function isWebDisplay(): boolean {
  return /(?:^#|&)d=/.test(window.location.hash) || sessionStorage.getItem(DISPLAY_KEY) === '1';
}

function clientId(): string {
  let id = sessionStorage.getItem(CLIENT_KEY);
  if (!id) {
    id = crypto.randomUUID();
    sessionStorage.setItem(CLIENT_KEY, id);
  }
  return id;
}

export function createWebTransport() {
  const secret = takeSecretFromUrl();
  return async (channel: Channel, input: unknown): Promise<Result<unknown>> => {
    if (!secret) {
      return fail('UNAUTHENTICATED', 'Open the POS with the link printed by `npm run web`.');
    }
    try {
      const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Pos-Secret': secret, 'X-Pos-Client': clientId() },
        body: JSON.stringify(input),
      });
      return (await response.json()) as Result<unknown>;
    } catch {
      return fail('OFFLINE', 'Can’t reach the POS service on this computer. Is `npm run web` still running?');
    }
  };
}

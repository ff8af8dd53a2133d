import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * A PIN's hash, kept only in main's memory beside the session it unlocks. A 4-digit PIN has
 * 10,000 values, so the hash is slow on purpose (scrypt, ~16 MB per try): an attacker who dumped
 * this process's memory would still pay for every guess, and the attempt limit stops guessing at
 * the till long before that matters.
 */
export interface PinHash {
  salt: Buffer;
  hash: Buffer;
}

/** N = 2^14 keeps one check well under the lock screen's 100 ms budget on a café's till. */
export const PIN_SCRYPT: ScryptOptions = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function derive(pin: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(pin, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function hashPin(pin: string, options: ScryptOptions = PIN_SCRYPT): Promise<PinHash> {
  const salt = randomBytes(16);
  return { salt, hash: await derive(pin, salt, options) };
}

export async function pinMatches(pin: string, stored: PinHash, options: ScryptOptions = PIN_SCRYPT): Promise<boolean> {
  return keyMatches(await derive(pin, stored.salt, options), stored);
}

function keyMatches(candidate: Buffer, stored: PinHash): boolean {
  return timingSafeEqual(candidate, stored.hash);
}

/** How long a PIN typed but not yet submitted keeps its hash ready (and stays in memory). */
export const PREPARED_FOR_MS = 15_000;

/**
 * A PIN's hash started while it is still being typed (the PIN pads send it from the 4th digit),
 * so the tap on Unlock doesn't wait out the hash. Nothing is compared here and nothing is
 * answered, so it tells no one whether a PIN is right; the try is counted only when it is
 * submitted. One per till, as one person types at a time: one hash runs at once whatever is sent,
 * a PIN typed on while one runs waits for it, and only the latest is kept, for PREPARED_FOR_MS.
 */
export class PreparedPin {
  private ready: { pin: string; salt: Buffer; key: Promise<Buffer> } | null = null;
  private queued: { pin: string; stored: PinHash } | null = null;
  private busy = false;
  private expiry: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: ScryptOptions = PIN_SCRYPT,
    private readonly keepForMs = PREPARED_FOR_MS,
  ) {}

  prepare(pin: string, stored: PinHash): void {
    this.queued = { pin, stored };
    if (!this.busy) this.startNext();
    // What was typed doesn't outstay its use: gone a while after the last key.
    if (this.expiry) clearTimeout(this.expiry);
    this.expiry = setTimeout(() => this.clear(), this.keepForMs);
    this.expiry.unref();
  }

  private startNext(): void {
    const next = this.queued;
    this.queued = null;
    this.busy = next !== null;
    if (!next) return;
    const key = derive(next.pin, next.stored.salt, this.options);
    this.ready = { pin: next.pin, salt: next.stored.salt, key };
    void key.catch(() => {}).finally(() => this.startNext());
  }

  /** Whether `pin` is the PIN against `stored`: from the hash made while it was typed, if there is one. */
  async matches(pin: string, stored: PinHash): Promise<boolean> {
    const ready = this.ready;
    const usable = ready !== null && ready.salt === stored.salt && ready.pin.length === pin.length && timingSafeEqual(Buffer.from(ready.pin), Buffer.from(pin));
    // Submitted: what was typed for this person is used up (another's, on this till, is kept).
    if (ready?.salt === stored.salt || this.queued?.stored.salt === stored.salt) this.clear();
    if (usable) return keyMatches(await ready.key, stored);
    return pinMatches(pin, stored, this.options);
  }

  /** Forgets every PIN typed here. */
  clear(): void {
    this.ready = null;
    this.queued = null;
    if (this.expiry) clearTimeout(this.expiry);
    this.expiry = null;
  }
}

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
  const candidate = await derive(pin, stored.salt, options);
  return timingSafeEqual(candidate, stored.hash);
}

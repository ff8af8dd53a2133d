import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, contract, type Channel } from '../../src/shared/contract';
import type { BackendConfig } from '../../src/main/config';
import type { Runtime } from '../../src/main/runtime';
import { clients, DEMO, freshCafe, scanAll, till } from './helpers';
import { callerContext, CALLERS, POLICY, SIGN_IN, type Caller } from './security-policy';

/**
 * IPC fuzzing: for every channel and every caller, inputs that break the contract in the ways a
 * compromised renderer would (wrong types, missing and extra fields, prototype keys, huge and
 * unusual strings, deep nesting) each get a typed refusal, never INTERNAL, nothing logged, and the
 * tables are the same bytes afterwards. Bounded runs keep it to a few seconds.
 */
const RUNS_PER_CELL = 12;

let config: BackendConfig;
let runtime: Runtime;
const logged: string[] = [];
const keyOf = (caller: Caller) => `fuzz-${caller}`;

type Json = Record<string, unknown>;

/** Every path to a leaf of a sample input, e.g. ['lines', 0, 'quantity']. */
function leafPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...at, i]));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? [at] : entries.flatMap(([k, v]) => leafPaths(v, [...at, k]));
  }
  return [at];
}

function setAt(value: unknown, path: (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Json) }) as Json;
  copy[head!] = setAt(copy[head!], rest, leaf);
  return copy;
}

function withoutAt(value: unknown, path: (string | number)[]): unknown {
  const copy = structuredClone(value) as Json;
  let parent: Json = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Json;
  if (Array.isArray(parent)) parent.splice(path.at(-1) as number, 1);
  else delete parent[path.at(-1)!];
  return copy;
}

const deep = fc.integer({ min: 500, max: 3000 }).map((depth) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) v = i % 2 ? [v] : { v };
  return v;
});
/** Longer than any string field's maximum (zod counts code points, so past 20,000 of those), in scripts and code points of every width. */
const huge = fc
  .tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), fc.integer({ min: 42_000, max: 60_000 }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'role', 'session', 'isAdmin'];

/** A value of another type than `original` (so it can never be what the schema wants there). */
function otherType(original: unknown): fc.Arbitrary<unknown> {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  const choices: fc.Arbitrary<unknown>[] = [fc.constant(null), fc.boolean(), deep, fc.array(fc.anything(), { minLength: 1, maxLength: 3 }), fc.object({ maxDepth: 2 })];
  choices.push(fc.string({ unit: 'binary', maxLength: 40 }), fc.oneof(fc.integer(), fc.double(), fc.constant(Number.NaN)));
  // Same type, out of every range the contract allows.
  if (typeof original === 'string') choices.push(huge);
  if (typeof original === 'number') choices.push(fc.constantFrom(Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 0.5));
  return fc.oneof(...choices).filter((v) => kind(v) !== kind(original) || (kind(v) !== 'array' && typeof v === typeof original && v !== original && kind(v) !== 'object' && kind(v) !== 'null' && kind(v) !== 'boolean' && (typeof v === 'string' ? [...v].length > 20_000 : !Number.isSafeInteger(v) || Math.abs(v as number) > 1e15)));
}

/** Inputs the contract must refuse, built from the channel's valid sample so they reach deep into its schema. */
function badInputs(channel: Channel): fc.Arbitrary<unknown> {
  const sample = POLICY[channel].input as unknown;
  const paths = leafPaths(sample).filter((p) => p.length > 0);
  const notAnObject = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.array(fc.anything(), { maxLength: 3 }), huge, deep.filter(Array.isArray));
  const extraKey = fc
    .tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 })), fc.anything({ maxDepth: 2 }), fc.boolean())
    .filter(([key]) => !Object.hasOwn(sample as Json, key))
    .map(([key, value, viaJson]) => {
      // JSON.parse makes "__proto__" an own key, as a message from the renderer would carry it.
      if (viaJson) {
        const text = JSON.stringify(sample);
        return JSON.parse(`${text.slice(0, -1)}${text === '{}' ? '' : ','}${JSON.stringify(key)}:{"polluted":true}}`) as unknown;
      }
      return Object.defineProperty({ ...(sample as Json) }, key, { value, enumerable: true });
    });
  const variants: fc.Arbitrary<unknown>[] = [notAnObject, extraKey];
  if (paths.length > 0) {
    const path = fc.constantFrom(...paths);
    variants.push(path.chain((p) => otherType(p.reduce<unknown>((v, k) => (v as Json)[k], sample)).map((leaf) => setAt(sample, p, leaf))));
    variants.push(path.map((p) => withoutAt(sample, p)));
  }
  // Dropping an optional field (a setting with a default) leaves a valid request: not a broken one.
  return fc.oneof(...variants).filter((input) => !contract[channel].input.safeParse(input).success);
}

async function snapshot(): Promise<string> {
  const { doc } = clients();
  const tables = await Promise.all(Object.values(config.tables).map(async (name) => (await scanAll(doc, name)).map((item) => JSON.stringify(item)).toSorted()));
  return JSON.stringify(tables);
}

beforeAll(async () => {
  config = await freshCafe();
  runtime = till(config, { log: (message, error) => logged.push(`${message} ${String(error)}`) });
  for (const caller of CALLERS) {
    const email = SIGN_IN[caller];
    if (email) await runtime.dispatch('auth.signIn', { email, password: DEMO.password }, { sessionKey: keyOf(caller) });
  }
  // The till's own first write (its id claim, sent once someone signs in) lands before the "before" snapshot.
  await runtime.sync.idle();
});

describe('IPC fuzzing', () => {
  it(`every channel × every caller × ${RUNS_PER_CELL} broken inputs: a typed refusal, never INTERNAL, tables unchanged`, async () => {
    const before = await snapshot();
    const codes = new Map<string, number>();
    let calls = 0;
    for (const channel of CHANNELS) {
      for (const caller of CALLERS) {
        await fc.assert(
          fc.asyncProperty(badInputs(channel), async (input) => {
            const result = await runtime.dispatch(channel, input, callerContext(caller, keyOf(caller)));
            calls += 1;
            expect(result.ok).toBe(false);
            if (result.ok) return;
            expect(typeof result.error.message).toBe('string');
            expect(result.error.message.length).toBeGreaterThan(0);
            expect(['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN']).toContain(result.error.code);
            codes.set(result.error.code, (codes.get(result.error.code) ?? 0) + 1);
          }),
          { numRuns: RUNS_PER_CELL, seed: 15 + calls },
        );
      }
    }
    expect(calls).toBe(CHANNELS.length * CALLERS.length * RUNS_PER_CELL);
    expect(logged).toEqual([]);
    expect(await snapshot()).toBe(before);
    // Still the same till afterwards: the barista's session and the menu are there.
    expect((await runtime.dispatch('menu.list', {}, { sessionKey: keyOf('Barista') })).ok).toBe(true);
    console.log(`[fuzz] ${CHANNELS.length} channels × ${CALLERS.length} callers × ${RUNS_PER_CELL} inputs = ${calls} calls; ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}`);
  });
});

// Loyalty lookup by phone through the web bridge vs a raw Query of the same index. Target ≤ 1.2×.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INDEX } from '../src/main/data/schema';
import { localClients, provisionDemoCafe } from '../src/main/local/embedded';
import { freeLoopbackPort, startLocalStack, type LocalStack } from '../src/main/local/stack';
import { createRuntime } from '../src/main/runtime';
import { startWebBridge, type WebBridge } from '../src/main/web/bridge';
import type { CustomerView } from '../src/shared/customers';
import { bridgeCaller, isEntryPoint, stats, timed, type Stats } from './harness';

export const LOOKUP_TARGET_RATIO = 1.2;

export interface LookupBenchResult {
  samples: number;
  raw: Stats;
  lookup: Stats;
  ratio: number;
  overheadMs: number;
  pass: boolean;
}

export async function runLookupBench({ warmup = 100, blocks = 10, perBlock = 100 } = {}): Promise<LookupBenchResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-bench-lookup-'));
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-bench-static-'));
  let stack: LocalStack | undefined;
  let bridge: WebBridge | undefined;
  let call: ReturnType<typeof bridgeCaller> | undefined;
  try {
    stack = await startLocalStack({ dataDir, persist: false });
    const config = await provisionDemoCafe(stack, `bench-${randomBytes(4).toString('hex')}`);
    const { doc } = localClients(stack);
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>POS</title>');
    const secret = randomBytes(24).toString('base64url');
    bridge = await startWebBridge({ dispatch: createRuntime(config, { log: () => {} }).dispatch, staticDir, secret, ports: [await freeLoopbackPort()] });
    const caller = bridgeCaller(bridge, secret);
    call = caller;
    const signedIn = await caller('auth.signIn', { email: 'barista@coffeecloud.dev', password: 'CoffeeCloud#2026' });
    if (!signedIn.ok) throw new Error(`Sign-in failed: ${signedIn.error.message}`);

    // What a barista types, and the query it boils down to.
    const lookup = async () => {
      const result = await caller<CustomerView[]>('customers.lookup', { query: '555-010-0100' });
      if (!result.ok || result.data[0]?.name !== 'Ada Lovelace') throw new Error(`Lookup failed: ${JSON.stringify(result)}`);
    };
    const raw = () =>
      doc.send(
        new QueryCommand({
          TableName: config.tables.Users,
          IndexName: INDEX.usersByPhone,
          KeyConditionExpression: 'phone = :p',
          ExpressionAttributeValues: { ':p': '+15550100100' },
        }),
      );
    for (let i = 0; i < warmup; i++) {
      await lookup();
      await raw();
    }
    const rawMs: number[] = [];
    const lookupMs: number[] = [];
    for (let block = 0; block < blocks; block++) {
      const sides = [async () => { for (let i = 0; i < perBlock; i++) rawMs.push(await timed(raw)); }, async () => { for (let i = 0; i < perBlock; i++) lookupMs.push(await timed(lookup)); }];
      if (block % 2 === 1) sides.reverse();
      for (const side of sides) await side();
    }
    const rawStats = stats(rawMs);
    const lookupStats = stats(lookupMs);
    const ratio = lookupStats.medianMs / rawStats.medianMs;
    return { samples: blocks * perBlock, raw: rawStats, lookup: lookupStats, ratio, overheadMs: lookupStats.medianMs - rawStats.medianMs, pass: ratio <= LOOKUP_TARGET_RATIO };
  } finally {
    call?.close();
    await bridge?.close();
    await stack?.stop();
    rmSync(staticDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function formatLookupBench(r: LookupBenchResult): string {
  const ms = (x: number) => x.toFixed(2).padStart(8);
  return [
    `Lookup by phone vs its raw Query: ${r.samples} calls each, interleaved`,
    `${''.padEnd(34)}${'median'.padStart(8)}${'p95'.padStart(8)}${'mean'.padStart(8)}  (ms)`,
    `${'raw Query phone-index'.padEnd(34)}${ms(r.raw.medianMs)}${ms(r.raw.p95Ms)}${ms(r.raw.meanMs)}`,
    `${'customers.lookup via web bridge'.padEnd(34)}${ms(r.lookup.medianMs)}${ms(r.lookup.p95Ms)}${ms(r.lookup.meanMs)}`,
    `${'ratio lookup / raw'.padEnd(34)}${r.ratio.toFixed(2).padStart(8)}`,
    `${'overhead lookup − raw'.padEnd(34)}${ms(r.overheadMs)}`,
    `target: median ratio ≤ ${LOOKUP_TARGET_RATIO.toFixed(2)}  ${r.pass ? 'PASS' : 'MISS'}`,
  ].join('\n');
}

if (isEntryPoint(import.meta.url)) {
  runLookupBench()
    .then((r) => console.log(formatLookupBench(r)))
    .catch((error: unknown) => {
      console.error('Lookup benchmark failed:', error);
      process.exitCode = 1;
    });
}

// Loyalty lookup by phone through the web bridge vs a raw Query of the same index. Target ≤ 1.2×.
import { INDEX } from '../src/main/data/schema';
import type { CustomerView } from '../src/shared/customers';
import { runIfScript, stats, withBenchCafe, type Stats } from './harness';
import { interleaveFromRenderer, type RemoteSide } from './renderer-process';

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
  return withBenchCafe(async (cafe) => {
    // What a barista types, and the query it boils down to, both timed from the renderer's side.
    const lookup: RemoteSide = { kind: 'bridge', channel: 'customers.lookup', input: { query: '555-010-0100' } };
    const raw: RemoteSide = {
      kind: 'query',
      input: { TableName: cafe.config.tables.Users, IndexName: INDEX.usersByPhone, KeyConditionExpression: 'phone = :p', ExpressionAttributeValues: { ':p': '+15550100100' } },
    };
    const found = await cafe.call<CustomerView[]>('customers.lookup', { query: '555-010-0100' });
    if (!found.ok || found.data[0]?.name !== 'Ada Lovelace') throw new Error(`Lookup failed: ${JSON.stringify(found)}`);
    const [rawMs, lookupMs] = await interleaveFromRenderer(cafe, [raw, lookup], { warmup, blocks, perBlock });
    const rawStats = stats(rawMs!);
    const lookupStats = stats(lookupMs!);
    const ratio = lookupStats.medianMs / rawStats.medianMs;
    return { samples: blocks * perBlock, raw: rawStats, lookup: lookupStats, ratio, overheadMs: lookupStats.medianMs - rawStats.medianMs, pass: ratio <= LOOKUP_TARGET_RATIO };
  });
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

runIfScript(import.meta.url, 'Lookup', () => runLookupBench(), formatLookupBench);

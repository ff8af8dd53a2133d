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
  /**
   * A call that does nothing in main (sync.status) through the same bridge from the same process:
   * the cost of the hop itself, which the renderer can't skip since it holds no credentials.
   */
  hop: Stats;
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
    const hop: RemoteSide = { kind: 'bridge', channel: 'sync.status', input: {} };
    const found = await cafe.call<CustomerView[]>('customers.lookup', { query: '555-010-0100' });
    if (!found.ok || found.data[0]?.name !== 'Ada Lovelace') throw new Error(`Lookup failed: ${JSON.stringify(found)}`);
    const [rawMs, lookupMs, hopMs] = await interleaveFromRenderer(cafe, [raw, lookup, hop], { warmup, blocks, perBlock });
    const rawStats = stats(rawMs!);
    const lookupStats = stats(lookupMs!);
    const ratio = lookupStats.medianMs / rawStats.medianMs;
    return { samples: blocks * perBlock, raw: rawStats, lookup: lookupStats, hop: stats(hopMs!), ratio, overheadMs: lookupStats.medianMs - rawStats.medianMs, pass: ratio <= LOOKUP_TARGET_RATIO };
  });
}

export function formatLookupBench(r: LookupBenchResult): string {
  const ms = (x: number) => x.toFixed(2).padStart(8);
  return [
    `Lookup by phone vs its raw Query: ${r.samples} calls each, interleaved`,
    `${''.padEnd(34)}${'median'.padStart(8)}${'p95'.padStart(8)}${'mean'.padStart(8)}  (ms)`,
    `${'raw Query phone-index'.padEnd(34)}${ms(r.raw.medianMs)}${ms(r.raw.p95Ms)}${ms(r.raw.meanMs)}`,
    `${'customers.lookup via web bridge'.padEnd(34)}${ms(r.lookup.medianMs)}${ms(r.lookup.p95Ms)}${ms(r.lookup.meanMs)}`,
    `${'a call doing nothing, same bridge'.padEnd(34)}${ms(r.hop.medianMs)}${ms(r.hop.p95Ms)}${ms(r.hop.meanMs)}`,
    `${'ratio lookup / raw'.padEnd(34)}${r.ratio.toFixed(2).padStart(8)}`,
    `${'overhead lookup − raw'.padEnd(34)}${ms(r.overheadMs)}  (the hop alone: ${(r.hop.medianMs / r.raw.medianMs).toFixed(2)}× of raw)`,
    `target: median ratio ≤ ${LOOKUP_TARGET_RATIO.toFixed(2)}  ${r.pass ? 'PASS' : 'MISS'}`,
  ].join('\n');
}

runIfScript(import.meta.url, 'Lookup', () => runLookupBench(), formatLookupBench);

// Loyalty lookup by phone through the web bridge vs a raw Query of the same index. Target ≤ 1.2×.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { INDEX } from '../src/main/data/schema';
import type { CustomerView } from '../src/shared/customers';
import { interleave, isEntryPoint, stats, withBenchCafe, type Stats } from './harness';

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
  return withBenchCafe(async ({ config, doc, call }) => {
    // What a barista types, and the query it boils down to.
    const lookup = async () => {
      const result = await call<CustomerView[]>('customers.lookup', { query: '555-010-0100' });
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
    const [rawMs, lookupMs] = await interleave([() => raw, () => lookup], { blocks, perBlock });
    const rawStats = stats(rawMs);
    const lookupStats = stats(lookupMs);
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

if (isEntryPoint(import.meta.url)) {
  runLookupBench()
    .then((r) => console.log(formatLookupBench(r)))
    .catch((error: unknown) => {
      console.error('Lookup benchmark failed:', error);
      process.exitCode = 1;
    });
}

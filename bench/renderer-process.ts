// The renderer's side of a benchmark, in a process of its own as Chromium's renderer is.
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createDocumentClient } from '../src/main/data/client';
import { LOCAL_CREDENTIALS } from '../src/main/local/stack';
import { bridgeCaller, interleave, type BenchCafe } from './harness';

/**
 * One side of a comparison, as data so it can cross to the other process: a call through the
 * bridge as the signed-in tab, or the raw DynamoDB Query it boils down to.
 */
export type RemoteSide = { kind: 'bridge'; channel: string; input: unknown } | { kind: 'query'; input: QueryCommandInput };

interface Plan {
  tab: ReturnType<typeof bridgeCaller>['tab'];
  dynamo: { endpoint: string; region: string };
  sides: RemoteSide[];
  warmup: number;
  blocks: number;
  perBlock: number;
}

/**
 * Times the sides from a separate process. Timing a bridge call from inside the process that
 * serves it charges the client's own work (its request, its parse, its turns of the event loop) to
 * the app, and on two cores that was most of the measured overhead: in-process dispatch of a lookup
 * is ~1.05× its raw Query, the same call timed over loopback from the same process ~1.5×.
 */
export function interleaveFromRenderer(cafe: BenchCafe, sides: RemoteSide[], { warmup, blocks, perBlock }: { warmup: number; blocks: number; perBlock: number }): Promise<number[][]> {
  const plan: Plan = { tab: cafe.call.tab, dynamo: { endpoint: cafe.stack.dynamoEndpoint, region: cafe.stack.region }, sides, warmup, blocks, perBlock };
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (reply: { samples: number[][] } | { error: string }) => {
      child.kill();
      if ('error' in reply) reject(new Error(reply.error));
      else resolve(reply.samples);
    });
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`The renderer-side process exited with ${code}.`)));
    child.send(plan);
  });
}

async function runPlan(plan: Plan): Promise<number[][]> {
  const call = bridgeCaller(plan.tab, plan.tab.secret, plan.tab.clientId);
  const doc = createDocumentClient({ region: plan.dynamo.region, endpoint: plan.dynamo.endpoint, credentials: LOCAL_CREDENTIALS });
  const run = (side: RemoteSide) => async () => {
    if (side.kind === 'query') return doc.send(new QueryCommand(side.input));
    const result = await call(side.channel, side.input);
    if (!result.ok) throw new Error(`${side.channel} failed: ${result.error.message}`);
    return result;
  };
  try {
    for (let i = 0; i < plan.warmup; i++) for (const side of plan.sides) await run(side)();
    return await interleave(plan.sides.map((side) => () => run(side)), plan);
  } finally {
    call.close();
  }
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once('message', (plan: Plan) => {
    runPlan(plan).then(
      (samples) => process.send!({ samples }),
      (error: unknown) => process.send!({ error: String(error) }),
    );
  });
}

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the integration and e2e suites write down every AWS call their tills make (one JSON line
 * each, src/main/aws/call-log.ts), for the conformance check that runs after them.
 */
export const CALL_LOG_DIR = path.resolve('.aws-calls');
export const SUITES = ['integration', 'e2e'] as const;
export type Suite = (typeof SUITES)[number];

export const callLogPath = (suite: Suite) => path.join(CALL_LOG_DIR, `${suite}.jsonl`);

/** Starts a suite's log afresh, so the check never judges calls from an older run. */
export function resetCallLog(suite: Suite): string {
  mkdirSync(CALL_LOG_DIR, { recursive: true });
  const file = callLogPath(suite);
  writeFileSync(file, '');
  return file;
}

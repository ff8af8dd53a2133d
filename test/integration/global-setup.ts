import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalStack } from '../../src/main/local/stack';
import { resetCallLog } from '../iam/call-logs';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: { dynamoEndpoint: string; cognitoEndpoint: string; region: string; dataDir: string };
    /** Every AWS call the tills make goes here, for the IAM conformance check. */
    callLog: string;
  }
}

/** One pair of emulators for the whole integration run; each file provisions its own tables and pool. */
export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-it-'));
  const stack = await startLocalStack({ dataDir, persist: false });
  project.provide('callLog', resetCallLog('integration'));
  project.provide('stack', {
    dynamoEndpoint: stack.dynamoEndpoint,
    cognitoEndpoint: stack.cognitoEndpoint,
    region: stack.region,
    dataDir,
  });
  return async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

import '../quiet-sdk';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { defaultDataDir } from '../config';
import { startEmbeddedBackend } from '../local/embedded';
import { createRuntime } from '../runtime';
import { startWebBridge } from './bridge';

/** `npm run web`: the embedded default plus the renderer in a browser. Prints one line when ready. */
const PREFERRED_PORT = Number(process.env.COFFEE_CLOUD_WEB_PORT ?? 5173);
const verbose = process.env.COFFEE_CLOUD_VERBOSE === '1';

async function main() {
  const appRoot = process.cwd();
  const dataDir = defaultDataDir();
  const { stack, config } = await startEmbeddedBackend({
    dataDir,
    appRoot,
    log: verbose ? (line) => console.error(line) : undefined,
  });
  const runtime = createRuntime(config);
  const bridge = await startWebBridge({
    dispatch: runtime.dispatch,
    staticDir: path.join(appRoot, 'out', 'renderer'),
    secret: randomBytes(24).toString('base64url'),
    ports: Array.from({ length: 30 }, (_, i) => PREFERRED_PORT + i),
  });
  console.log(`Coffee Cloud POS is ready at ${bridge.url}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await bridge.close();
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Coffee Cloud POS could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

import '../quiet-sdk';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { defaultDataDir } from '../config';
import { startBackend } from '../bootstrap';
import { startWebBridge } from './bridge';

/** `npm run web`: the same backend as the app, with the renderer in a browser. Prints one line when ready. */
const PREFERRED_PORT = Number(process.env.COFFEE_CLOUD_WEB_PORT ?? 5173);
const verbose = process.env.COFFEE_CLOUD_VERBOSE === '1';

async function main() {
  const appRoot = process.cwd();
  const dataDir = defaultDataDir();
  const backend = await startBackend({ dataDir, appRoot, log: verbose ? (line) => console.error(line) : undefined });
  const bridge = await startWebBridge({
    dispatch: backend.dispatch,
    staticDir: path.join(appRoot, 'out', 'renderer'),
    secret: randomBytes(24).toString('base64url'),
    displaySecret: randomBytes(24).toString('base64url'),
    ports: Array.from({ length: 30 }, (_, i) => PREFERRED_PORT + i),
  });
  // The register's "Customer display" hands back this link, for a second screen or a tablet.
  backend.setDisplayOpener(async () => ({ url: bridge.displayUrl }));
  const where = { local: 'the embedded demo café', aws: 'your AWS account', unconfigured: `nothing yet: fix ${backend.status.configPath}` }[backend.status.mode];
  console.log(`Coffee Cloud POS is ready at ${bridge.url} (connected to ${where})`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await bridge.close();
    await backend.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Coffee Cloud POS could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

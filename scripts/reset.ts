// `npm run reset`: wipe the embedded demo café so the next start provisions and seeds it afresh.
import { existsSync, rmSync } from 'node:fs';
import { defaultDataDir } from '../src/main/config';

const dir = defaultDataDir();
if (existsSync(dir)) {
  rmSync(dir, { recursive: true, force: true });
  console.log(`Removed ${dir}. The next start seeds the demo café again.`);
} else {
  console.log(`Nothing to reset: ${dir} doesn't exist.`);
}

// `npm run bench`: every performance target, each printed with its raw baseline from the same run.
import { formatBoardBench, runBoardBench } from './board';
import { formatBundleBench, runBundleBench } from './bundle';
import { formatCheckoutBench, runCheckoutBench } from './checkout';
import { formatDisplayBench, runDisplayBench } from './display';
import { formatDrainBench, runDrainBench } from './drain';
import { formatDrawerBench, runDrawerBench } from './drawer';
import { formatJournalBench, runJournalBench } from './journal';
import { formatKeysBench, runKeysBench } from './keys';
import { formatLookupBench, runLookupBench } from './lookup';
import { formatPrinterBench, runPrinterBench } from './printer';
import { formatPunchBench, runPunchBench } from './punch';
import { formatReportsBench, runReportsBench } from './reports';
import { formatTapBench, runTapBench } from './tap';
import { formatUnlockBench, runUnlockBench } from './unlock';

const only = process.argv[2];
const benches: [string, () => Promise<string>][] = [
  ['bundle', async () => formatBundleBench(runBundleBench())],
  ['tap', async () => formatTapBench(await runTapBench())],
  ['keys', async () => formatKeysBench(await runKeysBench())],
  ['checkout', async () => formatCheckoutBench(await runCheckoutBench())],
  ['lookup', async () => formatLookupBench(await runLookupBench())],
  ['board', async () => formatBoardBench(await runBoardBench())],
  ['journal', async () => formatJournalBench(await runJournalBench())],
  ['drain', async () => formatDrainBench(await runDrainBench())],
  ['drawer', async () => formatDrawerBench(await runDrawerBench())],
  ['punch', async () => formatPunchBench(await runPunchBench())],
  ['printer', async () => formatPrinterBench(await runPrinterBench())],
  ['display', async () => formatDisplayBench(await runDisplayBench())],
  ['unlock', async () => formatUnlockBench(await runUnlockBench())],
  ['reports', async () => formatReportsBench(await runReportsBench((line) => console.error(line)))],
];

for (const [name, run] of benches) {
  if (only && only !== name) continue;
  console.log(`\n== ${name} ==`);
  try {
    console.log(await run());
  } catch (error) {
    console.error(`${name} benchmark failed:`, error);
    process.exitCode = 1;
  }
}

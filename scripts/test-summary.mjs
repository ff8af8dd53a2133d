// Prints the plain closing line CI reads ("N passed, N failed") from vitest's JSON reports (npm test
// runs vitest twice: the suites, then the IAM check that judges the calls they recorded).
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const status = args.pop();
const reports = args.filter((p) => existsSync(p)).map((p) => JSON.parse(readFileSync(p, 'utf8')));
if (reports.length === 0) {
  // Typecheck or lint failed before any test ran: that is one failure, not zero.
  console.log(status === '0' ? '0 passed, 0 failed' : '0 passed, 1 failed');
} else {
  const sum = (key) => reports.reduce((n, r) => n + (r[key] ?? 0), 0);
  const skipped = sum('numPendingTests') + sum('numTodoTests');
  // A file that failed to load fails no single test, yet the run failed: count it.
  let failed = sum('numFailedTests');
  if (failed === 0 && status !== '0') failed = Math.max(1, sum('numFailedTestSuites'));
  console.log(`${sum('numPassedTests')} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

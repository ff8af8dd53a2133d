// Prints the plain closing line CI reads ("N passed, N failed") from vitest's JSON report.
import { existsSync, readFileSync } from 'node:fs';

const [reportPath, status] = process.argv.slice(2);
if (!existsSync(reportPath)) {
  // Typecheck or lint failed before any test ran: that is one failure, not zero.
  console.log(status === '0' ? '0 passed, 0 failed' : '0 passed, 1 failed');
} else {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that failed to load fails no single test, yet the run failed: count it.
  let failed = report.numFailedTests;
  if (failed === 0 && status !== '0') failed = Math.max(1, report.numFailedTestSuites ?? 0);
  console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

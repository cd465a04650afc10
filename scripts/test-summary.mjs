// Prints the one closing line CI reads: "N passed, N failed" (and skipped), from Vitest's JSON report.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test/artifacts/results.json';
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.log(`no test report (${error.message})`);
  console.log('0 passed, 1 failed');
  process.exit(0);
}
const passed = report.numPassedTests ?? 0;
// A test file that failed to load has no tests in the count; count it as a failure so it cannot hide.
const brokenFiles = (report.testResults ?? []).filter(
  (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
).length;
const failed = (report.numFailedTests ?? 0) + brokenFiles;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);

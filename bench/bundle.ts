import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** The renderer's script and styles as a till downloads them from the app's folder: gzipped, against the budget. */
const BUDGET_KB = 150;

export function runBundleBench(dir = path.resolve('out', 'renderer', 'assets')) {
  const files = readdirSync(dir).filter((f) => /\.(js|css)$/.test(f));
  const sizes = files.map((f) => {
    const bytes = readFileSync(path.join(dir, f));
    return { file: f, rawKb: bytes.length / 1024, gzipKb: gzipSync(bytes, { level: 9 }).length / 1024 };
  });
  return { sizes, gzipKb: sizes.reduce((s, f) => s + f.gzipKb, 0), budgetKb: BUDGET_KB };
}

export function formatBundleBench({ sizes, gzipKb, budgetKb }: ReturnType<typeof runBundleBench>): string {
  const rows = sizes.map((s) => `  ${s.file.padEnd(32)} ${s.rawKb.toFixed(1).padStart(8)} KB raw  ${s.gzipKb.toFixed(1).padStart(7)} KB gzip`);
  return [...rows, `renderer gzipped: ${gzipKb.toFixed(1)} KB of a ${budgetKb} KB budget (${(gzipKb / budgetKb).toFixed(2)}×) — ${gzipKb <= budgetKb ? 'PASS' : 'MISS'}`].join('\n');
}

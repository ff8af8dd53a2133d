import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The renderer's script and styles as a till downloads them from the app's folder: gzipped, against
 * the budget. The budget is what the first screen loads (index.html's scripts, styles and
 * preloads); chunks behind a dynamic import (the managers' Reports screen and its chart) load on
 * first use and are listed apart.
 */
const BUDGET_KB = 150;

export function runBundleBench(dir = path.resolve('out', 'renderer', 'assets')) {
  const html = readFileSync(path.join(dir, '..', 'index.html'), 'utf8');
  const initialFiles = new Set([...html.matchAll(/(?:src|href)="[^"]*?assets\/([^"]+)"/g)].map((m) => m[1]!));
  const files = readdirSync(dir).filter((f) => /\.(js|css)$/.test(f));
  const sizes = files.map((f) => {
    const bytes = readFileSync(path.join(dir, f));
    return { file: f, initial: initialFiles.has(f), rawKb: bytes.length / 1024, gzipKb: gzipSync(bytes, { level: 9 }).length / 1024 };
  });
  const sum = (initial: boolean) => sizes.filter((s) => s.initial === initial).reduce((s, f) => s + f.gzipKb, 0);
  return { sizes, gzipKb: sum(true), lazyGzipKb: sum(false), budgetKb: BUDGET_KB };
}

export function formatBundleBench({ sizes, gzipKb, lazyGzipKb, budgetKb }: ReturnType<typeof runBundleBench>): string {
  const rows = sizes
    .toSorted((a, b) => Number(b.initial) - Number(a.initial) || b.gzipKb - a.gzipKb)
    .map((s) => `  ${s.file.padEnd(32)} ${s.rawKb.toFixed(1).padStart(8)} KB raw  ${s.gzipKb.toFixed(1).padStart(7)} KB gzip  ${s.initial ? 'first load' : 'on first use'}`);
  return [
    ...rows,
    `renderer gzipped, first load: ${gzipKb.toFixed(1)} KB of a ${budgetKb} KB budget (${(gzipKb / budgetKb).toFixed(2)}×) — ${gzipKb <= budgetKb ? 'PASS' : 'MISS'}`,
    `loaded on first use (Reports and Drawer screens, chart): ${lazyGzipKb.toFixed(1)} KB gzipped`,
  ].join('\n');
}

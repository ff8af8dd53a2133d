import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * Doyensec's Electronegativity over the built app (out/, made by `npm test`'s build step): no
 * finding of high or medium severity unless it is reviewed below, with the reason it is safe.
 */
const REVIEWED: Record<string, { severity: string; file: string; why: string }> = {
  PRELOAD_JS_CHECK: {
    severity: 'MEDIUM',
    file: 'main/index.js',
    why: 'A manual-review prompt raised for any preload at all. Ours (src/preload/index.ts) exposes one function per contract channel through contextBridge, never ipcRenderer or a generic send; test/unit/preload.test.ts and the lint rule on ipcRenderer hold it there.',
  },
  CSP_GLOBAL_CHECK: {
    severity: 'LOW',
    file: 'renderer/index.html',
    why: 'csp-evaluator’s "maybe weak": script-src \'self\' is only unsafe where the origin also serves JSONP or uploads. The origin is app://pos, which serves the built renderer folder and nothing else (src/main/app/protocol.ts).',
  },
};

/** Needs the network (Electron's release list); npm's own audit and the pinned major cover it. */
const SKIPPED = ['AvailableSecurityFixesGlobalCheck'];

interface Finding {
  id: string;
  severity: string;
  confidence: string;
  file: string;
}

async function scan(): Promise<Finding[]> {
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
  const csv = path.join(mkdtempSync(path.join(os.tmpdir(), 'coffee-eneg-')), 'findings.csv');
  const electron = (JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }).version;
  await promisify(execFile)(process.execPath, [cli, '-i', 'out', '-o', csv, '-r', '-e', electron, '-x', SKIPPED.join(',')], { timeout: 150_000 });
  // Each finding starts a line: issue,"SEVERITY","CONFIDENCE","file",… (later columns may hold commas).
  return readFileSync(csv, 'utf8')
    .split('\n')
    .map((line) => /^([A-Z_]+),"([A-Z]+)","([A-Z]+)","([^"]*)"/.exec(line))
    .filter((m) => m !== null)
    .map(([, id, severity, confidence, file]) => ({ id: id!, severity: severity!, confidence: confidence!, file: file! }));
}

describe('Electronegativity over the built app', () => {
  it('finds nothing of high or medium severity that isn’t reviewed, and every review is still needed', async () => {
    expect(existsSync('out/main/index.js'), 'build first: npx electron-vite build').toBe(true);
    let findings = await scan();
    // Once, on a loaded machine, a scan came back without its global CSP check (the same build
    // scanned again had it): a scan that differs from the reviews is run once more before judging.
    const ids = () => [...new Set(findings.map((f) => f.id))].toSorted().join();
    if (ids() !== Object.keys(REVIEWED).toSorted().join()) findings = await scan();
    const unreviewed = findings.filter((f) => {
      const review = REVIEWED[f.id];
      return !review || review.file !== f.file || review.severity !== f.severity;
    });
    expect(unreviewed.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM')).toEqual([]);
    expect(unreviewed, 'a new low finding: review it and add it above').toEqual([]);
    // A review whose finding is gone is stale: remove it.
    expect(Object.keys(REVIEWED).toSorted()).toEqual([...new Set(findings.map((f) => f.id))].toSorted());
    const counts = new Map<string, number>();
    for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
    console.log(`[electronegativity] ${[...counts].map(([severity, n]) => `${severity} ${n}`).join(', ')}, all reviewed`);
  }, 180_000);
});

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The packaged app is locked down by electron-builder.yml: these read that file, since the
 * packaging itself needs Electron's download (TOOLCHAIN.md) and can't run here.
 */
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as {
  electronFuses?: Record<string, boolean>;
  beforePack?: string;
  files?: string[];
  extraResources?: { from: string; to: string }[];
};

/** What the issue (and Electron's security checklist) asks of each fuse. */
const REQUIRED: Partial<Record<keyof typeof FuseV1Options, boolean>> = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableCookieEncryption: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
};
const configKey = (fuse: string) => fuse[0]!.toLowerCase() + fuse.slice(1);

describe('the packaged app (electron-builder.yml)', () => {
  it('decides every fuse Electron has, and each the way the checklist asks', () => {
    const fuses = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    const missing = fuses.filter((fuse) => typeof config.electronFuses?.[configKey(fuse)] !== 'boolean');
    expect(missing, 'fuses left to Electron’s default').toEqual([]);
    for (const [fuse, wanted] of Object.entries(REQUIRED)) expect(config.electronFuses?.[configKey(fuse)], fuse).toBe(wanted);
  });

  it('compiles the DynamoDB Local launcher when packaging and ships the class, so a JRE is enough', async () => {
    expect(config.beforePack).toBe('./scripts/before-pack.mjs');
    expect(config.extraResources).toContainEqual({ from: 'out/launcher', to: 'resources/local-stack/launcher' });
    expect(config.files).toContain('!out/launcher/**');
    const { compileLauncherForPackage } = await import('../../scripts/before-pack.mjs');
    const dir = await compileLauncherForPackage(mkdtempSync(path.join(os.tmpdir(), 'coffee-launcher-')));
    const classFile = path.join(dir, 'LoopbackDynamoDB.class');
    expect(existsSync(classFile)).toBe(true);
    // Class-file major version 55 is Java 11: the oldest runtime the README asks for can load it.
    expect(readFileSync(classFile).readUInt16BE(6)).toBe(55);
  }, 60_000);

  it('the packaged app uses the shipped class and never calls javac', async () => {
    const { launcherDir } = await import('../../src/main/local/stack');
    const packaged = mkdtempSync(path.join(os.tmpdir(), 'coffee-packaged-'));
    const nowhere = { launcherSource: path.join(packaged, 'missing.java'), packagedLauncher: packaged, jarDir: path.join(packaged, 'no-jar') };
    // Without the class it would compile, and there is nothing to compile here.
    expect(() => launcherDir(nowhere, mkdtempSync(path.join(os.tmpdir(), 'coffee-data-')))).toThrow();
    writeFileSync(path.join(packaged, 'LoopbackDynamoDB.class'), 'compiled');
    expect(launcherDir(nowhere, mkdtempSync(path.join(os.tmpdir(), 'coffee-data-')))).toBe(packaged);
  });
});

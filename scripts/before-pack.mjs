// electron-builder's beforePack hook (electron-builder.yml): compiles DynamoDB Local's loopback
// launcher into out/launcher, which the package carries as resources/local-stack/launcher, so the
// café's machine needs a Java runtime only, never a JDK.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
export const LAUNCHER_OUT = path.join(root, 'out', 'launcher');

/** Compiles the launcher from this checkout into `outDir`. */
export async function compileLauncherForPackage(outDir = LAUNCHER_OUT) {
  const { compileLauncherTo, emulatorPaths } = await tsImport('../src/main/local/stack.ts', import.meta.url);
  const paths = emulatorPaths(root);
  compileLauncherTo(paths.launcherSource, paths.jarDir, outDir);
  return outDir;
}

export default async function beforePack() {
  await compileLauncherForPackage();
}

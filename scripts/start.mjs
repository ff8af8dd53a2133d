// `npm start`: build, make sure Electron's binary is there, then run the desktop app.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const bin = (name) => path.join('node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

// Electron ≥ 42 downloads its binary on first use, not at install time.
let binary = electronBinary();
if (!binary) {
  const download = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 300_000 });
  binary = download.status === 0 ? electronBinary() : null;
}
if (!binary) {
  console.error(
    "Electron's app binary isn't installed and couldn't be downloaded on this machine: run `npm run web` to use Coffee Cloud POS in your browser instead.",
  );
  process.exit(1);
}

const build = spawnSync(bin('electron-vite'), ['build', '--logLevel', 'error'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);

const child = spawn(binary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));

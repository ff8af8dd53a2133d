// `npm start`: build, make sure Electron's binary is there, then run the desktop app (or, where it
// can't be had, the same app in the browser).
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
  // Same app, same embedded stack: the browser mode is `npm run web`, so run it rather than stop.
  console.log("Electron's desktop window can't run here (its binary isn't installed and couldn't be downloaded), so Coffee Cloud POS starts in your browser instead:");
  const web = spawn('npm', ['run', '--silent', 'web'], { stdio: 'inherit', shell: process.platform === 'win32' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => web.kill(signal));
  web.on('exit', (code) => process.exit(code ?? 0));
} else {
  run(binary);
}

function run(binary) {
  const build = spawnSync(bin('electron-vite'), ['build', '--logLevel', 'error'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) process.exit(build.status ?? 1);

  const child = spawn(binary, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

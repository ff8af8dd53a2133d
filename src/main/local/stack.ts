import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';

/**
 * The embedded default: AWS's own emulators (DynamoDB Local, cognito-local) as child processes on
 * free loopback ports. They die with us: we stop them on exit, and each one also exits when the pipe
 * to us closes, which covers a SIGKILL of the POS.
 */
export interface LocalStackOptions {
  /** Where the emulators keep their files (databases, launcher class). */
  dataDir: string;
  /** Keep data between runs (the app) or keep everything in memory (tests). */
  persist: boolean;
  /** Where this project's resources/ and node_modules/ are; defaults to the current directory. */
  appRoot?: string;
  log?: (line: string) => void;
  /** How cognito-local is started; plain `node` unless the Electron shell says otherwise. */
  runNode?: NodeRunner;
}

/** The parts of a child process the stack uses, so that Electron's utility process can stand in. */
export interface NodeChild {
  readonly pid?: number | undefined;
  readonly exitCode: number | null;
  readonly signalCode: NodeJS.Signals | null;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  kill(signal?: NodeJS.Signals): boolean;
  once(event: 'exit', listener: (code: number | null) => void): this;
  off(event: 'exit', listener: (code: number | null) => void): this;
}

/**
 * Runs a Node script as a child process. The packaged app can't run itself as Node (its RunAsNode
 * fuse is off), so its shell passes Electron's utility process instead.
 */
export type NodeRunner = (script: string, options: { cwd: string; env: NodeJS.ProcessEnv }) => NodeChild;

export interface LocalStack {
  dynamoEndpoint: string;
  cognitoEndpoint: string;
  region: string;
  /** PIDs of the emulator processes, for tests that check nothing is left behind. */
  pids: number[];
  stop(): Promise<void>;
}

export const LOCAL_REGION = 'us-east-1';
/** DynamoDB Local accepts any credentials; with -sharedDb they don't partition the data. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function freeLoopbackPort(preferred = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (preferred !== 0 && error.code === 'EADDRINUSE') resolve(freeLoopbackPort(0));
      else reject(error);
    });
    server.listen(preferred, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Where the emulators are: in a checkout, inside node_modules; in the packaged app, DynamoDB Local
 * is copied to resources/dynamodb-local (electron-builder.yml) since its npm package is dev-only.
 */
export function emulatorPaths(appRoot: string) {
  const require = createRequire(import.meta.url);
  const resources = path.join(appRoot, 'resources');
  const packagedJar = path.join(resources, 'dynamodb-local');
  const jarDir = existsSync(path.join(packagedJar, 'DynamoDBLocal.jar'))
    ? packagedJar
    : path.join(path.dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  return {
    jarDir,
    launcherSource: path.join(resources, 'local-stack', 'LoopbackDynamoDB.java'),
    /** Compiled when packaging (scripts/before-pack.cjs), so the café's machine needs a JRE only. */
    packagedLauncher: path.join(resources, 'local-stack', 'launcher'),
    exitWithParent: path.join(resources, 'local-stack', 'exit-with-parent.cjs'),
    cognitoBin: path.join(path.dirname(require.resolve('cognito-local/package.json')), 'lib', 'bin', 'start.js'),
  };
}

/** The folder holding LoopbackDynamoDB.class: the packaged one, else compiled here with javac. */
export function launcherDir(paths: { launcherSource: string; packagedLauncher: string; jarDir: string }, dataDir: string): string {
  if (existsSync(path.join(paths.packagedLauncher, `${LAUNCHER_CLASS}.class`))) return paths.packagedLauncher;
  return compileLauncher(paths.launcherSource, paths.jarDir, dataDir);
}

export const LAUNCHER_CLASS = 'LoopbackDynamoDB';
/** Class files a Java 11 runtime loads, whichever JDK compiles them. */
export const LAUNCHER_JAVAC_ARGS = ['-nowarn', '--release', '11'];

/** A checkout compiles the loopback launcher once per source version; the class is cached in the data dir. */
function compileLauncher(source: string, jarDir: string, dataDir: string): string {
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12);
  const outDir = path.join(dataDir, 'launcher', hash);
  if (existsSync(path.join(outDir, `${LAUNCHER_CLASS}.class`))) return outDir;
  compileLauncherTo(source, jarDir, outDir);
  return outDir;
}

/** javac, for a checkout's first run and for packaging alike. */
export function compileLauncherTo(source: string, jarDir: string, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  const result = spawnSync('javac', [...LAUNCHER_JAVAC_ARGS, '-cp', path.join(jarDir, 'DynamoDBLocal.jar'), '-d', outDir, source], {
    encoding: 'utf8',
  });
  if (result.error || result.status !== 0) {
    throw new Error(
      `Could not prepare the local database: a Java 11+ JDK (javac) is needed. ${result.error?.message ?? result.stderr}`.trim(),
    );
  }
}

function waitForLine(child: NodeChild, marker: RegExp, name: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`${name} did not start within ${timeoutMs / 1000} s:\n${seen}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4000);
      if (marker.test(seen)) done();
    };
    const onExit = (code: number | null) => fail(new Error(`${name} exited (code ${code}) before it was ready:\n${seen}`));
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    };
    const done = () => {
      cleanup();
      resolve();
    };
    const fail = (error: Error) => {
      cleanup();
      reject(error);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

async function stopChild(child: NodeChild): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

export interface DynamoLocal {
  endpoint: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/**
 * DynamoDB Local alone, bound to loopback. `port` 0 picks a free one; a fixed port lets a test stop
 * the database and start it again where the till expects it (with `persist`, the data survives).
 */
export async function startDynamoLocal(options: LocalStackOptions & { port?: number }): Promise<DynamoLocal> {
  const appRoot = options.appRoot ?? process.cwd();
  const log = options.log ?? (() => {});
  const paths = emulatorPaths(appRoot);
  mkdirSync(options.dataDir, { recursive: true });
  const classDir = launcherDir(paths, options.dataDir);
  const port = options.port || (await freeLoopbackPort());
  const cwd = path.join(options.dataDir, 'dynamodb');
  mkdirSync(cwd, { recursive: true });
  const storage = options.persist ? ['-sharedDb', '-dbPath', cwd] : ['-inMemory'];
  const java = spawn(
    'java',
    [
      `-Djava.library.path=${path.join(paths.jarDir, 'DynamoDBLocal_lib')}`,
      '-Xmx512m',
      '-cp',
      [classDir, path.join(paths.jarDir, 'DynamoDBLocal.jar')].join(path.delimiter),
      'LoopbackDynamoDB',
      '-port',
      String(port),
      '-disableTelemetry',
      ...storage,
    ],
    { cwd, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const killOnExit = () => java.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    await waitForLine(java, /LOOPBACK_DYNAMODB_READY/, 'DynamoDB Local', 30_000);
  } catch (error) {
    process.off('exit', killOnExit);
    await stopChild(java);
    throw error;
  }
  // Keep draining output so a chatty emulator never blocks on a full pipe.
  java.stdout?.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd()));
  java.stderr?.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd()));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    pid: java.pid ?? -1,
    async stop() {
      process.off('exit', killOnExit);
      await stopChild(java);
    },
  };
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const appRoot = options.appRoot ?? process.cwd();
  const log = options.log ?? (() => {});
  const paths = emulatorPaths(appRoot);
  mkdirSync(options.dataDir, { recursive: true });

  const children: NodeChild[] = [];
  const killAll = () => children.forEach((child) => child.kill('SIGKILL'));
  process.once('exit', killAll);
  const dynamoStarting = startDynamoLocal(options);
  // Observed now, so a failing cognito-local never leaves it rejecting unhandled.
  dynamoStarting.catch(() => {});

  try {
    const cognitoPort = await freeLoopbackPort();
    const cognitoCwd = path.join(options.dataDir, 'cognito');
    mkdirSync(path.join(cognitoCwd, '.cognito'), { recursive: true });
    writeFileSync(
      path.join(cognitoCwd, '.cognito', 'config.json'),
      JSON.stringify(
        {
          ServerConfig: { hostname: '127.0.0.1', port: cognitoPort },
          TokenConfig: { IssuerDomain: `http://127.0.0.1:${cognitoPort}` },
        },
        null,
        2,
      ),
    );
    const runNode: NodeRunner =
      options.runNode ?? ((script, { cwd, env }) => spawn(process.execPath, ['--require', paths.exitWithParent, script], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] }));
    const cognito = runNode(paths.cognitoBin, {
      cwd: cognitoCwd,
      env: {
        ...process.env,
        AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        HOST: '127.0.0.1',
        PORT: String(cognitoPort),
        NO_COLOR: '1',
      },
    });
    children.push(cognito);

    const [dynamo] = await Promise.all([dynamoStarting, waitForLine(cognito, /Cognito Local running on/, 'cognito-local', 30_000)]);
    cognito.stdout?.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd()));
    cognito.stderr?.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd()));
    log(`DynamoDB Local on 127.0.0.1:${dynamo.port}, cognito-local on 127.0.0.1:${cognitoPort}`);

    const db = dynamo;
    return {
      dynamoEndpoint: db.endpoint,
      cognitoEndpoint: `http://127.0.0.1:${cognitoPort}`,
      region: LOCAL_REGION,
      pids: [db.pid, cognito.pid ?? -1],
      async stop() {
        process.off('exit', killAll);
        await Promise.all([db.stop(), ...children.map(stopChild)]);
      },
    };
  } catch (error) {
    process.off('exit', killAll);
    await Promise.all([...children.map(stopChild), dynamoStarting.then((db) => db.stop(), () => {})]);
    throw error;
  }
}

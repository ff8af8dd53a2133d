import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
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
}

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
function emulatorPaths(appRoot: string) {
  const require = createRequire(import.meta.url);
  const resources = path.join(appRoot, 'resources');
  const packagedJar = path.join(resources, 'dynamodb-local');
  const jarDir = existsSync(path.join(packagedJar, 'DynamoDBLocal.jar'))
    ? packagedJar
    : path.join(path.dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  return {
    jarDir,
    launcherSource: path.join(resources, 'local-stack', 'LoopbackDynamoDB.java'),
    exitWithParent: path.join(resources, 'local-stack', 'exit-with-parent.cjs'),
    cognitoBin: path.join(path.dirname(require.resolve('cognito-local/package.json')), 'lib', 'bin', 'start.js'),
  };
}

/** Compiles the loopback launcher once per source version; the class is cached in the data dir. */
function compileLauncher(source: string, jarDir: string, dataDir: string): string {
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12);
  const outDir = path.join(dataDir, 'launcher', hash);
  if (existsSync(path.join(outDir, 'LoopbackDynamoDB.class'))) return outDir;
  mkdirSync(outDir, { recursive: true });
  const result = spawnSync('javac', ['-nowarn', '-cp', path.join(jarDir, 'DynamoDBLocal.jar'), '-d', outDir, source], {
    encoding: 'utf8',
  });
  if (result.error || result.status !== 0) {
    throw new Error(
      `Could not prepare the local database: a Java 11+ JDK (javac) is needed. ${result.error?.message ?? result.stderr}`.trim(),
    );
  }
  return outDir;
}

function waitForLine(child: ChildProcess, marker: RegExp, name: string, timeoutMs: number): Promise<void> {
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

async function stopChild(child: ChildProcess): Promise<void> {
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
  const launcherDir = compileLauncher(paths.launcherSource, paths.jarDir, options.dataDir);
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
      [launcherDir, path.join(paths.jarDir, 'DynamoDBLocal.jar')].join(path.delimiter),
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

  const children: ChildProcess[] = [];
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
    const cognito = spawn(process.execPath, ['--require', paths.exitWithParent, paths.cognitoBin], {
      cwd: cognitoCwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ELECTRON_RUN_AS_NODE: '1',
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

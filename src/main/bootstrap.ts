import type { SetupStatus } from '../shared/contract';
import { AppError } from '../shared/result';
import { awsConfigPath, loadAwsConfig } from './aws/config';
import { createRouter, type Dispatch, type Handlers } from './ipc/router';
import { setupHandlers, type SetupHandlers } from './setup';
import { startEmbeddedBackend } from './local/embedded';
import { callLogFile } from './aws/call-log';
import type { DisplayOpener } from './display/handlers';
import type { NodeRunner } from './local/stack';
import { createRuntime, type RuntimeOptions } from './runtime';
import { lockFolder } from './sync/lock';

export interface Backend {
  dispatch: Dispatch;
  status: SetupStatus;
  /** How the customer display is opened: by whoever owns the windows (Electron, the web bridge). */
  setDisplayOpener(open: DisplayOpener): void;
  stop(): Promise<void>;
}

/**
 * Chooses the backend the way a shop owner expects: their AWS account if `aws-config.json` is
 * there, the embedded emulators if it isn't, and a setup-only till (naming what is wrong) if the
 * file is there but broken — never a silent fall back to demo data.
 */
type BackendOptions = { dataDir: string; appRoot?: string; log?: (line: string) => void; runNode?: NodeRunner };

export async function startBackend(options: BackendOptions): Promise<Backend> {
  // One process per data folder (the desktop app and `npm run web` would otherwise share its
  // emulators' files and its tills' journals): a second one stops here with FolderInUseError.
  const lock = lockFolder(options.dataDir);
  try {
    const backend = await chooseBackend(options);
    return {
      ...backend,
      stop: async () => {
        try {
          await backend.stop();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function chooseBackend(options: BackendOptions): Promise<Backend> {
  const configPath = awsConfigPath(options.dataDir);
  let status: SetupStatus;
  try {
    const aws = loadAwsConfig(configPath);
    if (aws) {
      status = { mode: 'aws', configPath, fresh: false };
      const runtime = createRuntime(aws, { ...recording(), dataDir: options.dataDir, setup: (sessions) => setupHandlers(() => status, configPath, sessions) });
      return { dispatch: runtime.dispatch, status, setDisplayOpener: runtime.setDisplayOpener, stop: () => runtime.stop() };
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    status = { mode: 'unconfigured', configPath, fresh: true, problem: { message: error.message, fields: error.details?.fields ?? [] } };
    return { dispatch: setupOnlyDispatch(() => status, configPath), status, setDisplayOpener: () => {}, stop: async () => {} };
  }
  const { stack, config, seeded } = await startEmbeddedBackend({ dataDir: options.dataDir, appRoot: options.appRoot, log: options.log, runNode: options.runNode });
  // A demo café seeded just now is a first start: nobody has used this till yet.
  status = { mode: 'local', configPath, fresh: seeded };
  const runtime = createRuntime(config, { ...recording(), dataDir: options.dataDir, setup: (sessions) => setupHandlers(() => status, configPath, sessions) });
  return {
    dispatch: runtime.dispatch,
    status,
    setDisplayOpener: runtime.setDisplayOpener,
    stop: async () => {
      await runtime.stop();
      await stack.stop();
    },
  };
}

/** COFFEE_CLOUD_RECORD_AWS names a file the e2e suite collects this process's AWS calls in, for the IAM check. */
function recording(): Pick<RuntimeOptions, 'recordCalls'> {
  const file = process.env.COFFEE_CLOUD_RECORD_AWS;
  return file ? { recordCalls: callLogFile(file) } : {};
}

/** A till whose AWS configuration is broken answers setup calls and refuses everything else. */
function setupOnlyDispatch(status: () => SetupStatus, configPath: string): Dispatch {
  // Nobody can sign in to a till that runs nothing: the status says it is fresh.
  const setup = setupHandlers(status, configPath, { current: async () => null });
  const refuse = async () => {
    throw new AppError('VALIDATION', `This till isn’t connected yet: ${status().problem?.message ?? 'fix the AWS configuration first.'}`);
  };
  const handlers = new Proxy(setup as Handlers, { get: (target, key: string) => (key in target ? target[key as keyof SetupHandlers] : refuse) });
  return createRouter(handlers, { current: async () => null });
}

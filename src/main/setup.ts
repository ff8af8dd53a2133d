import type { SetupStatus } from '../shared/contract';
import { AppError } from '../shared/result';
import { saveAwsConfig } from './aws/config';
import type { Handlers } from './ipc/router';

export type SetupHandlers = Pick<Handlers, 'setup.status' | 'setup.saveAws'>;

export function setupHandlers(status: () => SetupStatus, configPath: string): SetupHandlers {
  return {
    'setup.status': async () => status(),
    'setup.saveAws': async ({ outputs }) => {
      // Pointing a till at another account is for first setup; afterwards it's the owner's file to edit.
      if (status().mode === 'aws') {
        throw new AppError('FORBIDDEN', `This till is already connected to AWS. To change it, edit ${configPath}.`);
      }
      let raw: unknown;
      try {
        raw = JSON.parse(outputs);
      } catch {
        throw new AppError('VALIDATION', 'That isn’t JSON. Paste the outputs file (cdk-outputs.json) as it is.', { fields: [{ path: 'outputs', message: 'Not JSON.' }] });
      }
      saveAwsConfig(configPath, raw);
      return { saved: true, configPath, restartRequired: true };
    },
  };
}


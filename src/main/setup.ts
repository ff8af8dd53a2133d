import type { SetupStatus } from '../shared/contract';
import { AppError } from '../shared/result';
import { ROLE_LABEL } from '../shared/roles';
import { saveAwsConfig } from './aws/config';
import type { Handlers, SessionSource } from './ipc/router';

export type SetupHandlers = Pick<Handlers, 'setup.status' | 'setup.saveAws'>;

const RUNS_ON: Record<SetupStatus['mode'], string> = {
  local: 'the demo café',
  aws: 'an AWS account',
  unconfigured: 'nothing yet',
};

export interface SetupSessions extends SessionSource {
  /** Whether anyone has signed in at this till since it started. */
  everSignedIn?(): boolean;
}

/**
 * `sessions` are this till's sign-ins. Whoever stands at a till that already runs could otherwise
 * point it at their own user pool and collect staff passwords at the next start, so only a manager
 * signed in here may change it; a fresh till (see SetupStatus.fresh) has nobody to ask yet, and
 * stops being fresh once somebody has signed in: from then on the café is using it.
 */
export function setupHandlers(status: () => SetupStatus, configPath: string, sessions: SetupSessions): SetupHandlers {
  const statusNow = (): SetupStatus => {
    const current = status();
    return current.fresh && sessions.everSignedIn?.() ? { ...current, fresh: false } : current;
  };
  return {
    'setup.status': async () => statusNow(),
    'setup.saveAws': async ({ outputs }, { sessionKey }) => {
      const current = statusNow();
      if (!current.fresh) {
        const session = await sessions.current(sessionKey);
        if (!session) {
          throw new AppError('UNAUTHENTICATED', `This till already runs ${RUNS_ON[current.mode]}: a manager has to sign in at this till to connect it to another account.`);
        }
        if (session.role !== 'Admin') {
          throw new AppError('FORBIDDEN', `A ${ROLE_LABEL[session.role]} account can’t change which AWS account this till uses. Ask a manager.`);
        }
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

import os from 'node:os';
import path from 'node:path';
import type { TableNames } from './data/schema';

/** Everything the services need to reach their backends; the same shape for the emulators and AWS. */
export interface BackendConfig {
  mode: 'local' | 'aws';
  region: string;
  tables: TableNames;
  userPoolId: string;
  clientId: string;
  authFlow: 'USER_PASSWORD_AUTH' | 'USER_SRP_AUTH';
  /** AWS mode: where signed-in staff get their group's temporary credentials. */
  identityPoolId?: string;
  /** Emulator endpoints; unset against AWS (tests point AWS mode at stand-ins with these). */
  dynamoEndpoint?: string;
  cognitoEndpoint?: string;
  cognitoIdentityEndpoint?: string;
}

export const APP_DIR_NAME = 'Coffee Cloud POS';

/**
 * Where the app keeps its data: COFFEE_CLOUD_DATA_DIR, else the platform's app-data folder (the same
 * one Electron's userData points at, so `npm run web` and the desktop app share the demo café).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.COFFEE_CLOUD_DATA_DIR) return path.resolve(env.COFFEE_CLOUD_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
}

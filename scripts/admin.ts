// `npm run admin -- <command>`: the owner's tasks against this install's backend (AWS if
// aws-config.json is set up, else the embedded stack).
import '../src/main/quiet-sdk';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createStaff, disableStaff, listStaff, seedMenu, type AdminTarget } from '../src/main/admin/commands';
import { awsConfigPath, loadAwsConfig } from '../src/main/aws/config';
import { defaultDataDir } from '../src/main/config';
import { createDocumentClient } from '../src/main/data/client';
import { tableNames } from '../src/main/data/schema';
import { localClients, RUNNING_FILE, startEmbeddedBackend, type RunningState } from '../src/main/local/embedded';

const USAGE = `Usage: npm run admin -- <command> [options]

  create-staff --email <email> --name <name> --group <Admin|Barista|Shipper>
                 Creates the account with a temporary password (printed once);
                 the first sign-in asks for a new one.
  list-staff     Lists staff accounts by group.
  disable-staff --email <email>
                 Disables the account and signs it out everywhere.
  seed-menu --file <menu.json>
                 Adds products (and optionally settings and categories) from a file.

Targets AWS when ${'aws-config.json'} exists in the data folder (COFFEE_CLOUD_DATA_DIR), using your
AWS credentials (profile or environment); otherwise the embedded stack.`;

async function target(): Promise<{ target: AdminTarget; where: string; stop: () => Promise<void> }> {
  const dataDir = defaultDataDir();
  const aws = loadAwsConfig(awsConfigPath(dataDir));
  if (aws) {
    return {
      target: {
        cognito: new CognitoIdentityProviderClient({ region: aws.region }),
        doc: createDocumentClient({ region: aws.region }),
        userPoolId: aws.userPoolId,
        tables: aws.tables,
      },
      where: `AWS ${aws.region} (${aws.userPoolId})`,
      stop: async () => {},
    };
  }
  const runningFile = path.join(dataDir, RUNNING_FILE);
  if (existsSync(runningFile)) {
    const running = JSON.parse(readFileSync(runningFile, 'utf8')) as RunningState;
    const clients = localClients(running);
    return {
      target: { cognito: clients.cognito, doc: clients.doc, userPoolId: running.userPoolId, tables: tableNames(running.tablePrefix) },
      where: 'the running embedded stack',
      stop: async () => {},
    };
  }
  const { stack, config } = await startEmbeddedBackend({ dataDir });
  const clients = localClients(stack);
  return {
    target: { cognito: clients.cognito, doc: clients.doc, userPoolId: config.userPoolId, tables: config.tables },
    where: 'the embedded stack',
    stop: () => stack.stop(),
  };
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' }, group: { type: 'string' }, file: { type: 'string' } } });
  if (!command || !['create-staff', 'list-staff', 'disable-staff', 'seed-menu'].includes(command)) {
    console.log(USAGE);
    process.exitCode = command ? 2 : 0;
    return;
  }
  const { target: t, where, stop } = await target();
  try {
    if (command === 'create-staff') {
      if (!values.email || !values.name || !values.group) throw new Error('create-staff needs --email, --name and --group.');
      const created = await createStaff(t, { email: values.email, name: values.name, group: values.group });
      console.log(`Created ${created.email} on ${where}. Temporary password (shown once): ${created.temporaryPassword}`);
    } else if (command === 'list-staff') {
      for (const s of await listStaff(t)) console.log(`${s.group.padEnd(8)} ${s.email.padEnd(32)} ${s.name.padEnd(20)} ${s.enabled ? s.status : 'DISABLED'}`);
    } else if (command === 'disable-staff') {
      if (!values.email) throw new Error('disable-staff needs --email.');
      await disableStaff(t, values.email);
      console.log(`Disabled ${values.email} on ${where} and signed them out everywhere.`);
    } else {
      if (!values.file) throw new Error('seed-menu needs --file.');
      const results = await seedMenu(t, JSON.parse(readFileSync(values.file, 'utf8')));
      for (const r of results) console.log(`${r.ok ? 'added ' : 'SKIPPED'} ${r.name}${r.message ? `: ${r.message}` : ''}`);
      if (results.some((r) => !r.ok)) process.exitCode = 1;
    }
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});

// `npm run admin -- <command>`: the owner's tasks against this install's backend (AWS if
// aws-config.json is set up, else the embedded stack).
import '../src/main/quiet-sdk';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seedMenu, staffAdmin, type AdminTarget } from '../src/main/admin/commands';
import { awsConfigPath, loadAwsConfig } from '../src/main/aws/config';
import { defaultDataDir } from '../src/main/config';
import { createDocumentClient } from '../src/main/data/client';
import { tableNames } from '../src/main/data/schema';
import { localClients, RUNNING_FILE, startEmbeddedBackend, type RunningState } from '../src/main/local/embedded';

const USAGE = `Usage: npm run admin -- <command> [options]

  create-staff --email <email> --name <name> --group <Admin|Barista|Shipper>
                 Creates the account with a temporary password (AWS: Cognito emails
                 the invitation; embedded stack: printed once); the first sign-in
                 asks for a new one.
  list-staff     Lists staff accounts by group.
  set-group --email <email> --group <Admin|Barista|Shipper>
                 Moves a staff member to another group.
  disable-staff --email <email>
                 Disables the account and signs it out everywhere.
  enable-staff --email <email>
                 Enables a disabled account again.
  reset-password --email <email>
                 AWS: Cognito emails a reset code; embedded stack: a new temporary
                 password, printed once.
  seed-menu --file <menu.json>
                 Adds products (and optionally settings and categories) from a file.

Targets AWS when ${'aws-config.json'} exists in the data folder (COFFEE_CLOUD_DATA_DIR), using your
AWS credentials (profile or environment); otherwise the embedded stack.`;

async function target(): Promise<{ target: AdminTarget; mode: 'aws' | 'local'; where: string; stop: () => Promise<void> }> {
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
      mode: 'aws',
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
      mode: 'local',
      where: 'the running embedded stack',
      stop: async () => {},
    };
  }
  const { stack, config } = await startEmbeddedBackend({ dataDir });
  const clients = localClients(stack);
  return {
    target: { cognito: clients.cognito, doc: clients.doc, userPoolId: config.userPoolId, tables: config.tables },
    mode: 'local',
    where: 'the embedded stack',
    stop: () => stack.stop(),
  };
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' }, group: { type: 'string' }, file: { type: 'string' } } });
  if (!command || !['create-staff', 'list-staff', 'set-group', 'disable-staff', 'enable-staff', 'reset-password', 'seed-menu'].includes(command)) {
    console.log(USAGE);
    process.exitCode = command ? 2 : 0;
    return;
  }
  const { target: t, mode, where, stop } = await target();
  const staff = staffAdmin(t, mode);
  const sent = (r: { delivery: 'email' | 'screen'; temporaryPassword?: string }) =>
    r.temporaryPassword ? `Temporary password (shown once): ${r.temporaryPassword}` : 'Cognito has emailed them.';
  try {
    if (command === 'create-staff') {
      if (!values.email || !values.name || !values.group) throw new Error('create-staff needs --email, --name and --group.');
      const created = await staff.invite({ email: values.email, name: values.name, group: values.group }, null);
      console.log(`Created ${created.member.email} on ${where}. ${sent(created)}`);
    } else if (command === 'list-staff') {
      for (const s of await staff.list()) console.log(`${s.group.padEnd(8)} ${s.email.padEnd(32)} ${s.name.padEnd(20)} ${s.enabled ? s.status : 'DISABLED'}`);
    } else if (command === 'set-group') {
      if (!values.email || !values.group) throw new Error('set-group needs --email and --group.');
      const member = await staff.setGroup(values.email, values.group, null);
      console.log(`${member.email} is now in ${member.group} on ${where}.`);
    } else if (command === 'disable-staff' || command === 'enable-staff') {
      if (!values.email) throw new Error(`${command} needs --email.`);
      await staff.setEnabled(values.email, command === 'enable-staff', null);
      console.log(command === 'enable-staff' ? `Enabled ${values.email} on ${where}.` : `Disabled ${values.email} on ${where} and signed them out everywhere.`);
    } else if (command === 'reset-password') {
      if (!values.email) throw new Error('reset-password needs --email.');
      console.log(`Reset the password of ${values.email} on ${where}. ${sent(await staff.resetPassword(values.email, null))}`);
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

import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedMenu, staffAdmin, type AdminTarget } from '../../src/main/admin/commands';
import { temporaryPassword, type StaffService } from '../../src/main/staff/service';
import type { BackendConfig } from '../../src/main/config';
import { DEMO_SETTINGS } from '../../src/main/local/demo-data';
import { createMenuService } from '../../src/main/menu/service';
import { unmetPasswordRules } from '../../src/shared/password-policy';
import { clients, DEMO, freshCafe, till } from './helpers';

let config: BackendConfig;
let target: AdminTarget;
let staff: StaffService;

beforeAll(async () => {
  config = await freshCafe();
  const { cognito, doc } = clients();
  target = { cognito, doc, userPoolId: config.userPoolId, tables: config.tables };
  // The CLI and the Staff screen share this service (src/main/staff); test/integration/staff.test.ts covers every action.
  staff = staffAdmin(target, 'local');
});

describe('the owner’s admin commands', () => {
  it('temporary passwords always meet the policy', () => {
    for (let i = 0; i < 200; i++) expect(unmetPasswordRules(temporaryPassword())).toEqual([]);
  });

  it('creates a staff member who must choose a password at first sign-in, and lists them', async () => {
    const created = await staff.invite({ email: 'New.Barista@CoffeeCloud.dev', name: 'Nia Barista', group: 'Barista' }, null);
    expect(created.member.email).toBe('new.barista@coffeecloud.dev');
    expect(created.delivery).toBe('screen');
    const runtime = till(config);
    expect(await runtime.dispatch('auth.signIn', { email: created.member.email, password: created.temporaryPassword }, { sessionKey: 'cli' })).toEqual({
      ok: true,
      data: { status: 'NEW_PASSWORD_REQUIRED', email: created.member.email },
    });
    const listed = await staff.list();
    expect(listed.find((s) => s.email === created.member.email)).toMatchObject({ group: 'Barista', name: 'Nia Barista', enabled: true, status: 'FORCE_CHANGE_PASSWORD' });
    expect(listed.map((s) => s.email)).toEqual(expect.arrayContaining([DEMO.manager, DEMO.barista, DEMO.shipper]));
  });

  it('refuses a bad group or email with a clear message', async () => {
    await expect(staff.invite({ email: 'x@coffeecloud.dev', name: 'X', group: 'Customer' }, null)).rejects.toThrow('“Customer” isn’t a staff group. Choose one of Admin, Barista, Shipper.');
    await expect(staff.invite({ email: 'not-an-email', name: 'X', group: 'Barista' }, null)).rejects.toThrow('“not-an-email” isn’t an email address. Check it for typos.');
  });

  it('disables a staff member', async () => {
    await staff.setEnabled(DEMO.shipper, false, null);
    const user = await target.cognito.send(new AdminGetUserCommand({ UserPoolId: config.userPoolId, Username: DEMO.shipper }));
    expect(user.Enabled).toBe(false);
  });

  it('seeds products from a file with the editor’s rules, reporting each one', async () => {
    const results = await seedMenu(target, {
      products: [
        { name: 'Flat Black', description: '', category: 'Coffee', priceCents: 400, modifierGroups: [], available: true, sortOrder: 800 },
        { name: 'Espresso', description: '', category: 'Coffee', priceCents: 300, modifierGroups: [], available: true, sortOrder: 801 },
      ],
    });
    expect(results).toEqual([
      { name: 'Flat Black', ok: true },
      { name: 'Espresso', ok: false, message: 'There’s already a Espresso in Coffee.' },
    ]);
    await expect(seedMenu(target, { products: [{ name: '', priceCents: -1 }] })).rejects.toThrow(/products\.0/);
  });

  it('checks the file’s settings with the editor’s schema: 8 meant as 8% is refused naming the field, and nothing at all is written', async () => {
    const { products: before } = await createMenuService(target.doc, target.tables).list();
    const settingsBefore = await createMenuService(target.doc, target.tables).settings();
    const product = { name: 'Oat Flat White', description: '', category: 'Coffee', priceCents: 475, modifierGroups: [], available: true, sortOrder: 810 };
    await expect(seedMenu(target, { settings: { ...DEMO_SETTINGS, taxRateBps: 8, priceCapCents: 50 }, products: [product] })).rejects.toThrow(
      'settings: taxRateBps 8 is 0.08%; it is in basis points: 800 = 8%.\nsettings: priceCapCents 50 is 0.50; it is in cents: 100000 = 1000.00.',
    );
    expect((await createMenuService(target.doc, target.tables).list()).products).toHaveLength(before.length);
    expect(await createMenuService(target.doc, target.tables).settings()).toEqual(settingsBefore);

    expect(await seedMenu(target, { settings: { ...DEMO_SETTINGS, taxRateBps: 825 }, products: [product] })).toEqual([{ name: 'Oat Flat White', ok: true }]);
    expect(await createMenuService(target.doc, target.tables).settings()).toEqual({ ...DEMO_SETTINGS, taxRateBps: 825 });
  });
});

describe('npm run admin', () => {
  it('prints its usage, and runs against the embedded stack of the data folder', async () => {
    const run = promisify(execFile);
    const usage = await run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts'], { env: { ...process.env } });
    expect(usage.stdout).toContain('create-staff --email <email> --name <name> --group <Admin|Barista|Shipper>');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'coffee-cloud-cli-'));
    const menu = path.join(dataDir, 'menu.json');
    writeFileSync(menu, JSON.stringify({ products: [{ name: 'Cold Foam Brew', description: '', category: 'Cold Drinks', priceCents: 525, modifierGroups: [], available: true, sortOrder: 10 }] }));
    const seeded = await run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', 'seed-menu', '--file', menu], {
      env: { ...process.env, COFFEE_CLOUD_DATA_DIR: dataDir },
      timeout: 90_000,
    });
    expect(seeded.stdout).toContain('added  Cold Foam Brew');
  });
});

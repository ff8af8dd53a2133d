import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrinterService } from '../../src/main/printer/service';
import { sendRaw } from '../../src/main/printer/transport';
import type { Order } from '../../src/shared/orders';
import { DEFAULT_PRINTER, type PrinterConfig } from '../../src/shared/printer';
import { squeezed } from '../support/escpos-decode';
import { FakePrinter } from '../support/fake-printer';
import { ESPRESSO, sampleOrder } from '../support/sample-order';

let fake: FakePrinter;
beforeEach(async () => {
  fake = await FakePrinter.start();
});
afterEach(() => fake.close());

const fast = { connectMs: 300, idleMs: 300 };
const job = Uint8Array.from(Buffer.from('\x1b@hello\n\x1dV\x00', 'latin1'));

describe('raw TCP to the printer', () => {
  it('delivers the job and knows it arrived', async () => {
    await sendRaw(fake, job, fast);
    expect(fake.jobs).toHaveLength(1);
    expect(fake.jobs[0]!.lines[0]).toBe('hello');
    expect(fake.jobs[0]!.cuts).toBe(1);
  });

  it('says so when the printer is off, hung, drops the connection or is out of paper', async () => {
    await fake.setMode('refuse');
    await expect(sendRaw(fake, job, fast)).rejects.toThrow(`The printer at 127.0.0.1:${fake.port} refused the connection: is it switched on?`);
    await fake.setMode('hang');
    await expect(sendRaw(fake, job, fast)).rejects.toThrow('stopped answering');
    await fake.setMode('close-mid-job');
    await expect(sendRaw(fake, job, fast)).rejects.toThrow(/dropped the connection|closed the connection/);
    await fake.setMode('no-paper');
    await expect(sendRaw(fake, job, fast)).rejects.toThrow('is out of paper');
    // An empty roll is found before the job is sent, so nothing is left in the printer to come out twice.
    expect(fake.jobs).toHaveLength(0);
    expect(fake.partial).toBe(1); // only the one closed mid-job
  });
});

function sale(ticket: string, tenders: Order['tenders']): Order {
  return sampleOrder({ orderId: `01JDEMO${ticket.replace('-', '')}`.padEnd(26, '0'), ticket, lines: [ESPRESSO], subtotalCents: 300, taxCents: 24, totalCents: 324, tenders, paidCents: 500, changeCents: 0 });
}
const cash = [{ kind: 'cash' as const, amountCents: 500 }];
const card = [{ kind: 'card' as const, amountCents: 324 }];

function service(patch: Partial<PrinterConfig> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'printer-'));
  const file = path.join(dir, 'printer.json');
  const printer = createPrinterService({ file, shop: () => ({ shopName: 'Coffee Cloud', currency: 'USD', locale: 'en-US' }), timeouts: fast, retryDelaysMs: [20, 20] });
  printer.saveConfig({ ...DEFAULT_PRINTER, host: fake.host, port: fake.port, drawer: true, ...patch });
  return { printer, file };
}

describe('the print queue', () => {
  it('kicks the drawer once per cash sale and never for card, even when a checkout is retried', async () => {
    const { printer } = service();
    const first = sale('T1-001', cash);
    printer.afterSale(first);
    printer.afterSale(first); // the renderer retried the same checkout
    printer.afterSale(sale('T1-002', card));
    await printer.idle();
    expect(fake.jobs.map((j) => [j.big[0], j.kicks])).toEqual([
      ['T1-001', 1],
      ['T1-002', 0],
    ]);
  });

  it('on request, a cash sale only opens the drawer and the receipt prints when asked for', async () => {
    const { printer } = service({ receipts: 'ask' });
    printer.afterSale(sale('T1-003', cash));
    printer.afterSale(sale('T1-004', card));
    await printer.idle();
    expect(fake.jobs).toHaveLength(1);
    expect(fake.jobs[0]).toMatchObject({ kicks: 1, cuts: 0 });
    printer.printReceipt(sale('T1-004', card));
    await printer.idle();
    expect(fake.jobs[1]).toMatchObject({ kicks: 0, cuts: 1, big: ['T1-004'] });
  });

  it('a print that keeps failing becomes a message; Retry prints it once, however often it is tapped, without a second kick', async () => {
    const { printer } = service();
    await fake.setMode('refuse');
    printer.afterSale(sale('T1-005', cash));
    await printer.idle();
    const [failed] = printer.status().failed;
    expect(failed).toMatchObject({ kind: 'receipt', label: 'Receipt T1-005', reason: expect.stringContaining('refused the connection') });

    await fake.setMode('print');
    expect(printer.retry(failed!.jobId, false)).toBe(true);
    expect(printer.retry(failed!.jobId, false)).toBe(false);
    await printer.idle();
    expect(fake.jobs).toHaveLength(1);
    expect(fake.jobs[0]).toMatchObject({ big: ['T1-005'], kicks: 0 });
    expect(squeezed(fake.jobs[0]!)).toContain('TOTAL $3.24');
    expect(printer.status().failed).toEqual([]);
  });

  it('a hung printer times out and the next sale’s print still goes once the printer is back', async () => {
    const { printer } = service();
    await fake.setMode('hang');
    printer.afterSale(sale('T1-006', card));
    await printer.idle();
    expect(printer.status().failed.map((f) => f.reason)).toEqual([expect.stringContaining('stopped answering')]);
    await fake.setMode('print');
    printer.afterSale(sale('T1-007', card));
    await printer.idle();
    expect(fake.jobs.map((j) => j.big[0])).toEqual(['T1-007']);
  });

  it('keeps its settings in the till’s own file, and a broken file means no printer rather than a broken till', () => {
    const { file } = service({ footer: 'Merci !' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ host: '127.0.0.1', footer: 'Merci !' });
    const reopened = createPrinterService({ file, shop: () => ({ shopName: 'x', currency: 'USD', locale: 'en-US' }) });
    expect(reopened.config().footer).toBe('Merci !');
    writeFileSync(file, '{"host": 42');
    const broken = createPrinterService({ file, shop: () => ({ shopName: 'x', currency: 'USD', locale: 'en-US' }) });
    expect(broken.status()).toMatchObject({ configured: false, failed: [] });
  });
});

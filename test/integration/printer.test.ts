import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { callLogFile, type AwsCall } from '../../src/main/aws/call-log';
import type { Runtime } from '../../src/main/runtime';
import type { Order } from '../../src/shared/orders';
import { DEFAULT_PRINTER, type PrinterStatus } from '../../src/shared/printer';
import { squeezed } from '../support/escpos-decode';
import { FakePrinter } from '../support/fake-printer';
import { DEMO, demoCart, freshCafe, till } from './helpers';

let runtime: Runtime;
let fake: FakePrinter;
const calls: AwsCall[] = [];
const toFile = callLogFile(inject('callLog'));
const barista = { sessionKey: `barista-${randomBytes(4).toString('hex')}` };
const manager = { sessionKey: `manager-${randomBytes(4).toString('hex')}` };

beforeAll(async () => {
  fake = await FakePrinter.start();
  runtime = till(await freshCafe(), {
    printer: { timeouts: { connectMs: 500, idleMs: 300 }, retryDelaysMs: [20, 20] },
    // Every AWS call still goes to the IAM check's log; this file also looks at them itself.
    recordCalls: (call) => {
      calls.push(call);
      toFile(call);
    },
  });
  for (const [who, email] of [
    [barista, DEMO.barista],
    [manager, DEMO.manager],
  ] as const) {
    expect((await runtime.dispatch('auth.signIn', { email, password: DEMO.password }, who)).ok).toBe(true);
  }
});
afterAll(() => fake.close());

const printerAt = () => ({ ...DEFAULT_PRINTER, host: fake.host, port: fake.port, drawer: true, footer: 'Merci, à bientôt !' });

beforeEach(async () => {
  await fake.setMode('print');
  fake.jobs.length = 0;
  expect((await runtime.dispatch('printer.save', printerAt(), manager)).ok).toBe(true);
});

async function sell(tenders = demoCart().tenders): Promise<Order> {
  const result = await runtime.dispatch('orders.checkout', demoCart(undefined, { tenders }), barista);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

async function status(): Promise<PrinterStatus> {
  const result = await runtime.dispatch('printer.status', {}, barista);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe('printer settings', () => {
  it('are a manager’s: a barista can neither see nor change them, and main checks it', async () => {
    expect(await runtime.dispatch('printer.save', { ...printerAt(), host: '10.0.0.9' }, barista)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'A Barista account can’t change the printer settings. Ask a manager.' },
    });
    expect(await runtime.dispatch('printer.config', {}, barista)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await runtime.dispatch('printer.testPage', {}, barista)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await runtime.dispatch('printer.config', {}, manager)).toMatchObject({ ok: true, data: { host: fake.host, port: fake.port } });
  });

  it('refuse a bad address and keep the old ones', async () => {
    const bad = await runtime.dispatch('printer.save', { ...printerAt(), host: 'the one by the door', port: 70_000 }, manager);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ path: 'host' }, { path: 'port' }] } } });
    expect(await runtime.dispatch('printer.config', {}, manager)).toMatchObject({ ok: true, data: { host: fake.host, port: fake.port } });
  });

  it('print a test page and say when it didn’t', async () => {
    expect(await runtime.dispatch('printer.testPage', {}, manager)).toEqual({ ok: true, data: { printed: true } });
    expect(squeezed(fake.jobs[0]!)).toContain('Currency: $ € £ ¥');
    await fake.setMode('refuse');
    expect(await runtime.dispatch('printer.testPage', {}, manager)).toMatchObject({ ok: true, data: { printed: false, reason: expect.stringContaining('refused the connection') } });
  });
});

describe('printing at the counter', () => {
  it('a cash sale prints its receipt as rung up and opens the drawer once', async () => {
    const order = await sell();
    const [job] = await fake.waitForJobs(1);
    const lines = squeezed(job!);
    expect(job!.big).toEqual([order.ticket]);
    expect(lines).toEqual(
      expect.arrayContaining(['1 × Latte $6.10', 'Large +$1.00, Oat +$0.60', '1 × Espresso $3.00', 'Subtotal $9.10', 'Tax 8% $0.73', 'TOTAL $9.83', 'Cash $20.00', 'Change $10.17', 'Merci, à bientôt !']),
    );
    expect(lines[0]).toBe('Coffee Cloud Demo Café');
    expect(job!.kicks).toBe(1);
    expect(job!.cuts).toBe(1);
  });

  it('a card sale prints without opening the drawer', async () => {
    await sell([{ kind: 'card', amountCents: 983 }]);
    const [job] = await fake.waitForJobs(1);
    expect(squeezed(job!)).toContain('TOTAL $9.83');
    expect(job!.kicks).toBe(0);
  });

  it('a cash refund opens the drawer and prints the slip; a card refund doesn’t open it', async () => {
    const paidCash = await sell();
    const paidCard = await sell([{ kind: 'card', amountCents: 983 }]);
    await runtime.printer.idle();
    fake.jobs.length = 0;
    expect((await runtime.dispatch('orders.refund', { orderId: paidCash.orderId, reason: 'cold coffee' }, manager)).ok).toBe(true);
    expect((await runtime.dispatch('orders.refund', { orderId: paidCard.orderId, reason: 'wrong order' }, manager)).ok).toBe(true);
    const [cashSlip, cardSlip] = await fake.waitForJobs(2);
    expect(squeezed(cashSlip!)).toEqual(expect.arrayContaining(['REFUND', 'Reason: cold coffee', 'REFUNDED -$9.83']));
    expect(cashSlip!.kicks).toBe(1);
    expect(cardSlip!.kicks).toBe(0);
  });

  it('a reprint from the board prints the receipt again without opening the drawer', async () => {
    const order = await sell();
    await runtime.printer.idle();
    expect(await runtime.dispatch('printer.receipt', { orderId: order.orderId }, barista)).toEqual({ ok: true, data: { queued: true } });
    const [, reprint] = await fake.waitForJobs(2);
    expect(reprint!.big).toEqual([order.ticket]);
    expect(reprint!.kicks).toBe(0);
  });
});

describe('a printer that fails never holds up a sale', () => {
  for (const mode of ['hang', 'refuse'] as const) {
    it(`a printer that ${mode === 'hang' ? 'hangs' : 'refuses'}: the sale completes, the message shows, and Retry prints it once`, async () => {
      await fake.setMode(mode);
      const order = await sell();
      // Completed and on the board before the printer has even been tried.
      const board = await runtime.dispatch('orders.board', {}, barista);
      expect(board.ok && board.data.some((o) => o.orderId === order.orderId)).toBe(true);

      await runtime.printer.idle();
      const [failed] = (await status()).failed;
      expect(failed).toMatchObject({ label: `Receipt ${order.ticket}`, orderId: order.orderId, reason: expect.stringMatching(mode === 'hang' ? /stopped answering/ : /refused the connection/) });

      // The next sale still goes through while the printer is out.
      const next = await sell([{ kind: 'card', amountCents: 983 }]);
      expect(next.ticket).not.toBe(order.ticket);

      await fake.setMode('print');
      const callsBefore = calls.length;
      await Promise.all([runtime.dispatch('printer.retry', { jobId: failed!.jobId }, barista), runtime.dispatch('printer.retry', { jobId: failed!.jobId }, barista)]);
      await runtime.printer.idle();
      const reprinted = fake.jobs.filter((j) => j.big[0] === order.ticket);
      expect(reprinted).toHaveLength(1);
      expect(reprinted[0]!.kicks).toBe(0); // the drawer opened (or not) at the sale, not now
      // Printing, retrying and the status make no DynamoDB call.
      expect(calls.slice(callsBefore).filter((c) => c.via !== 'sync worker')).toEqual([]);
      // Dismissing the other failure (the card sale's) clears the message.
      for (const f of (await status()).failed) await runtime.dispatch('printer.dismiss', { jobId: f.jobId }, barista);
      expect((await status()).failed).toEqual([]);
    });
  }

  it('a retried checkout (same order id) prints and kicks once', async () => {
    const cart = demoCart();
    const first = await runtime.dispatch('orders.checkout', cart, barista);
    const again = await runtime.dispatch('orders.checkout', cart, barista);
    expect(first.ok && again.ok).toBe(true);
    await runtime.printer.idle();
    expect(fake.jobs.map((j) => j.kicks)).toEqual([1]);
  });

  it('with no printer set up, a sale prints nothing and asks for nothing', async () => {
    expect((await runtime.dispatch('printer.save', DEFAULT_PRINTER, manager)).ok).toBe(true);
    await sell();
    await runtime.printer.idle();
    expect(fake.jobs).toEqual([]);
    expect(await status()).toMatchObject({ configured: false, failed: [] });
    expect(await runtime.dispatch('printer.receipt', { orderId: (await sell()).orderId }, barista)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

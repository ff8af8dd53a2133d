import { ulid } from 'ulid';
import type { Order } from '../../shared/orders';
import type { PrinterConfig, PrinterStatus } from '../../shared/printer';
import { AppError } from '../../shared/result';
import type { DrawerRecord, ShiftReport } from '../../shared/shift';
import { loadPrinterConfig, savePrinterConfig } from './config';
import { createPrintQueue, type QueuedJob } from './queue';
import { encodeKick, encodeReceipt, encodeTestPage, type ReceiptShop } from './receipt';
import { encodeShiftReport } from './shift-report';
import { DEFAULT_TIMEOUTS, PrintError, sendRaw, type TransportTimeouts } from './transport';

export interface PrinterDeps {
  /** The till's printer settings file. */
  file: string;
  /** Shop name, currency and locale from the till's last-known settings: a print never reads the database. */
  shop: () => ReceiptShop;
  now?: () => Date;
  log?: (msg: string, error?: unknown) => void;
  timeouts?: TransportTimeouts;
  retryDelaysMs?: readonly number[];
}

/** What a queued job prints: a receipt (maybe with a drawer kick), a refund slip, the kick alone, or an X or Z. */
type Payload = { kind: 'receipt' | 'refund'; order: Order; kick: boolean } | { kind: 'drawer'; ticket: string; key?: string } | { kind: 'report'; report: ShiftReport };

/** Three tries in about three seconds: long enough for a printer waking up, short enough to tell the barista. */
export const DEFAULT_RETRY_DELAYS_MS = [500, 2_000];

/** Sales and refunds this till has already printed for, so a retried checkout never prints or kicks twice. */
const REMEMBERED = 500;

const MOVED: Partial<Record<DrawerRecord['kind'], string>> = { payIn: 'a pay in', payOut: 'a pay out', drop: 'a cash drop', noSale: 'a no sale' };

const tookCash = (order: Order) => order.tenders.some((t) => t.kind === 'cash');

export function createPrinterService({ file, shop, now = () => new Date(), log = () => {}, timeouts = DEFAULT_TIMEOUTS, retryDelaysMs = DEFAULT_RETRY_DELAYS_MS }: PrinterDeps) {
  let config = loadPrinterConfig(file, log);
  const handled = new Set<string>();

  const target = () => {
    if (!config.host) throw new PrintError('No receipt printer is set up on this till: ask a manager to add it under Printer.');
    return { host: config.host, port: config.port };
  };

  function bytesOf(payload: Payload): Uint8Array {
    if (payload.kind === 'drawer') return encodeKick(config);
    if (payload.kind === 'report') return encodeShiftReport(payload.report, shop(), config);
    return encodeReceipt({ order: payload.order, refund: payload.kind === 'refund', kick: payload.kick }, shop(), config);
  }

  const queue = createPrintQueue<Payload>({
    send: (job) => sendRaw(target(), bytesOf(job.payload), timeouts),
    retryDelaysMs,
    now,
    log,
    describe: (job) => ({ kind: job.payload.kind, ...((job.payload.kind === 'receipt' || job.payload.kind === 'refund') && { orderId: job.payload.order.orderId }) }),
  });

  function enqueue(payload: Payload) {
    const job: QueuedJob<Payload> = { jobId: ulid(), ...labelOf(payload), payload };
    queue.enqueue(job);
  }

  function labelOf(payload: Payload): { label: string; key: string } {
    if (payload.kind === 'report') {
      const { report } = payload;
      return { label: report.z ? `Z report ${report.z.label}` : 'X report', key: `report:${report.shiftId}:${report.kind}` };
    }
    if (payload.kind === 'drawer') return { label: `Cash drawer for ${payload.ticket}`, key: `drawer:${payload.key ?? payload.ticket}` };
    return { label: `${payload.kind === 'refund' ? 'Refund slip' : 'Receipt'} ${payload.order.ticket}`, key: `${payload.kind}:${payload.order.ticket}` };
  }

  /** True the first time an event (a sale, a refund) is seen: checkout retries carry the same order. */
  function firstTime(id: string): boolean {
    if (handled.has(id)) return false;
    handled.add(id);
    if (handled.size > REMEMBERED) handled.delete(handled.values().next().value!);
    return true;
  }

  /** A receipt and/or the drawer for money that just changed hands, per this till's settings. */
  function moneyMoved(kind: 'receipt' | 'refund', order: Order, eventId: string) {
    if (!config.host || !firstTime(eventId)) return;
    const kick = config.drawer && tookCash(order);
    if (config.receipts === 'auto') enqueue({ kind, order, kick });
    else if (kick) enqueue({ kind: 'drawer', ticket: order.ticket });
  }

  return {
    config: (): PrinterConfig => config,

    saveConfig(next: PrinterConfig): PrinterConfig {
      savePrinterConfig(file, next);
      config = next;
      return config;
    },

    status(): PrinterStatus {
      return { configured: Boolean(config.host), receipts: config.receipts, queued: queue.queued(), failed: queue.failed() };
    },

    /** After a sale: opens the drawer on cash (never on card only) and prints the receipt if set to. */
    afterSale(order: Order): void {
      moneyMoved('receipt', order, `sale:${order.orderId}`);
    },

    /** After a refund (or a cancel that refunded): the drawer opens when the order took cash. */
    afterRefund(order: Order): void {
      const refund = order.refunds.at(-1);
      if (refund) moneyMoved('refund', order, `refund:${refund.refundId}`);
    },

    /** A receipt asked for: after a sale set to print on request, or a reprint from the board. */
    printReceipt(order: Order): void {
      if (!config.host) throw new AppError('NOT_FOUND', 'No receipt printer is set up on this till: print in the window, or ask a manager to add the printer.');
      enqueue({ kind: 'receipt', order, kick: false });
    },

    /**
     * An X or a Z (a reprint too) on this till's printer, queued like a receipt. With no printer the
     * renderer prints the window instead; main says so rather than pretending.
     */
    printShiftReport(report: ShiftReport): void {
      if (!config.host) throw new AppError('NOT_FOUND', 'No receipt printer is set up on this till: print in the window, or ask a manager to add the printer.');
      enqueue({ kind: 'report', report });
    },

    /**
     * A pay-in, pay-out, cash drop or no-sale: the drawer opens, as for a cash sale, once per
     * movement. Called after the movement is journaled, so a printer that fails loses nothing.
     */
    cashMoved(movement: Pick<DrawerRecord, 'movementId' | 'kind' | 'reason'>): void {
      if (!config.host || !config.drawer || !firstTime(`move:${movement.movementId}`)) return;
      enqueue({ kind: 'drawer', ticket: `${MOVED[movement.kind] ?? movement.kind} (${movement.reason})`, key: movement.movementId });
    },

    /** Sent at once, not queued: the manager standing at the printer wants to know now. */
    async testPage(): Promise<{ printed: true } | { printed: false; reason: string }> {
      try {
        await sendRaw(target(), encodeTestPage(shop(), config, now()), timeouts);
        return { printed: true };
      } catch (error) {
        return { printed: false, reason: error instanceof Error ? error.message : String(error) };
      }
    },

    /**
     * A failed print again, once; a receipt retried by hand doesn't open the drawer a second time.
     * A manager's X or Z (with expected cash and the variance) only for a manager: failed prints are
     * listed to everyone at the till, and a barista counts blind.
     */
    retry(jobId: string, byManager: boolean): boolean {
      const job = queue.failedJob(jobId);
      if (job?.payload.kind === 'report' && job.payload.report.drawer !== undefined && !byManager) {
        throw new AppError('FORBIDDEN', `The ${job.label} shows the drawer’s expected cash: a manager prints it again.`);
      }
      return queue.retry(jobId, (job) => (job.payload.kind === 'receipt' || job.payload.kind === 'refund' ? { ...job, payload: { ...job.payload, kick: false } } : job));
    },

    dismiss(jobId: string): void {
      queue.dismiss(jobId);
    },

    idle: () => queue.idle(),
    stop: () => queue.stop(),
  };
}

export type PrinterService = ReturnType<typeof createPrinterService>;

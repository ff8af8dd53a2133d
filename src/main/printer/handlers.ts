import type { Channel } from '../../shared/contract';
import type { Handlers } from '../ipc/router';
import type { OrdersService } from '../orders/service';
import { AppError } from '../../shared/result';
import type { ShiftService } from '../shifts/service';
import type { PrinterService } from './service';

export type PrinterChannel = Extract<Channel, `printer.${string}`>;

/** The printer's channels. Managers-only settings are enforced by the contract's roles, in the router. */
export function createPrinterHandlers({
  printer,
  orders,
  shifts,
}: {
  printer: PrinterService;
  orders: Pick<OrdersService, 'getOrder'>;
  shifts: Pick<ShiftService, 'report'>;
}): Pick<Handlers, PrinterChannel> {
  return {
    'printer.config': async () => printer.config(),
    'printer.save': async (config) => printer.saveConfig(config),
    'printer.testPage': () => printer.testPage(),
    'printer.status': async () => printer.status(),
    'printer.receipt': async ({ orderId }) => {
      // The order as the board shows it (this till's copy first); the print itself reads nothing.
      printer.printReceipt(await orders.getOrder(orderId));
      return { queued: true };
    },
    'printer.shiftReport': async ({ shiftId }, ctx) => {
      if (!ctx.session) throw new AppError('UNAUTHENTICATED', 'Please sign in first.');
      // The report as this person may see it (a barista's is blind): the print shows no more than the screen.
      printer.printShiftReport(await shifts.report(shiftId, ctx.session));
      return { queued: true };
    },
    'printer.retry': async ({ jobId }, ctx) => {
      printer.retry(jobId, ctx.session?.role === 'Admin');
      return printer.status();
    },
    'printer.dismiss': async ({ jobId }) => {
      printer.dismiss(jobId);
      return printer.status();
    },
  };
}

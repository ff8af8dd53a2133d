import type { Channel } from '../../shared/contract';
import type { Handlers } from '../ipc/router';
import type { ReportsService } from './service';

export type ReportsChannel = Extract<Channel, `reports.${string}`>;

/** The managers' sales reports. Admin-only is the contract's `access`, enforced by the router. */
export function createReportsHandlers({ reports }: { reports: ReportsService }): Pick<Handlers, ReportsChannel> {
  return {
    'reports.sales': (range) => reports.sales(range),
    'reports.ordersCsv': (range) => reports.ordersCsv(range),
    'reports.zReports': (range) => reports.zReports(range),
  };
}

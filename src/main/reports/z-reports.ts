import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { zLabel } from '../../shared/drawer';
import type { ReportRange } from '../../shared/reports';
import { STORE_ID, type ShiftClose, type ShiftOpen } from '../../shared/shift';
import type { ZReportsView, ZRow } from '../../shared/z-reports';
import { queryAll } from '../data/client';
import { INDEX, type TableNames } from '../data/schema';

/**
 * The Z reports of a range of days across every till, from the cloud: a day's shifts from the
 * Shifts day index (paged Query, one partition per day, never a Scan), then each shift's CLOSE item
 * by its key, only the figures a list shows (the full report stays on the till that closed it).
 */
const CLOSE_FIELDS = ['zNumber', 'countedCents', 'expectedCents', 'varianceCents', 'reason', 'at', 'by'] as const;

/** Shifts a day has at most a handful of; their CLOSE items are read this many at a time. */
const PARALLEL_GETS = 8;

export function createZReports({ doc, tables, dates }: { doc: DynamoDBDocumentClient; tables: TableNames; dates: (range: ReportRange) => string[] }) {
  async function closeOf(shiftId: string): Promise<Pick<ShiftClose, (typeof CLOSE_FIELDS)[number]> | null> {
    const out = await doc.send(
      new GetCommand({
        TableName: tables.Shifts,
        Key: { shiftId, entryId: 'CLOSE' },
        ProjectionExpression: CLOSE_FIELDS.map((_, i) => `#f${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(CLOSE_FIELDS.map((f, i) => [`#f${i}`, f])),
      }),
    );
    return (out.Item as Pick<ShiftClose, (typeof CLOSE_FIELDS)[number]> | undefined) ?? null;
  }

  async function day(date: string, terminalId?: string): Promise<ZRow[]> {
    const opens = await queryAll<ShiftOpen>(doc, {
      TableName: tables.Shifts,
      IndexName: INDEX.shiftsByDay,
      KeyConditionExpression: terminalId ? 'storeDate = :day AND begins_with(tillOpenedAt, :till)' : 'storeDate = :day',
      ExpressionAttributeValues: { ':day': `${STORE_ID}#${date}`, ...(terminalId && { ':till': `${terminalId}#` }) },
    });
    const rows: ZRow[] = [];
    for (let i = 0; i < opens.length; i += PARALLEL_GETS) {
      const batch = opens.slice(i, i + PARALLEL_GETS);
      const closes = await Promise.all(batch.map((o) => closeOf(o.shiftId)));
      batch.forEach((open, n) => {
        const close = closes[n];
        rows.push({
          shiftId: open.shiftId,
          terminalId: open.terminalId,
          businessDate: open.businessDate,
          openedAt: open.at,
          openedBy: open.by.name,
          floatCents: open.floatCents,
          ...(close && {
            z: {
              label: zLabel(open.terminalId, close.zNumber),
              closedAt: close.at,
              closedBy: close.by.name,
              countedCents: close.countedCents,
              expectedCents: close.expectedCents,
              varianceCents: close.varianceCents,
              ...(close.reason && { reason: close.reason }),
            },
          }),
        });
      });
    }
    return rows;
  }

  return {
    async zReports(range: ReportRange): Promise<ZReportsView> {
      const rows: ZRow[] = [];
      for (const date of dates(range)) rows.push(...(await day(date, range.terminalId)));
      return { from: range.from, to: range.to, terminalId: range.terminalId ?? null, rows };
    },
  };
}

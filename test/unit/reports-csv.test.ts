import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../src/shared/orders';
import { ORDER_COLUMNS, ordersCsv, REPORT_TABLES, reportTableCsv, text } from '../../src/shared/reports-csv';
import { salesReport } from '../../src/shared/reports';

const parse = (csv: string) => Papa.parse<string[]>(csv, { header: false, skipEmptyLines: true, newline: '\r\n' }).data;

function order(orderId: string, name: string, customerName: string, note: string): Order {
  const by = { userId: 'u1', name, email: 'x@example.com' };
  return {
    orderId,
    ticket: 'T1-001',
    terminalId: 'T1',
    businessDate: '2026-03-01',
    createdAt: '2026-03-01T13:05:00.000Z',
    createdBy: by,
    status: 'placed',
    statusHistory: [{ status: 'placed', at: '2026-03-01T13:05:00.000Z', by }],
    lines: [
      { lineId: '1', productId: 'latte', name: 'Latte, "large"', basePriceCents: 475, modifiers: [], unitPriceCents: 475, quantity: 2, grossCents: 950, discountCents: 0, netCents: 950, refundedQuantity: 0, note },
    ],
    subtotalCents: 950,
    discountCents: 0,
    taxRateBps: 800,
    taxInclusive: false,
    taxCents: 76,
    totalCents: 1026,
    tenders: [{ kind: 'cash', amountCents: 2026 }],
    paidCents: 2026,
    changeCents: 1000,
    refunds: [],
    refundedCents: 0,
    customerId: 'cust-1',
    customerName,
    version: 1,
  };
}

// Names a café really gets: commas, quotes, line breaks, accents, emoji; never starting like a formula.
const name = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r\n', 'é', '☕', ';', "'"), minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s.trim().length > 0);

describe('CSV', () => {
  it('round-trips names with commas, quotes and line breaks through an RFC 4180 parser', () => {
    fc.assert(
      fc.property(name, name, name, (staff, customer, note) => {
        const rows = parse(ordersCsv([order('o1', staff, customer, note)]));
        expect(rows[0]).toEqual([...ORDER_COLUMNS]);
        const row = Object.fromEntries(ORDER_COLUMNS.map((c, i) => [c, rows[1]![i]]));
        expect(row.staff).toBe(staff);
        expect(row.customer).toBe(customer);
        expect(row.items).toBe(`2 × Latte, "large" — ${note}`);
        expect([row.total, row.tax, row['cash taken'], row.change]).toEqual(['10.26', '0.76', '20.26', '10.00']);
        expect(rows).toHaveLength(2);
      }),
      { numRuns: 200 },
    );
  });

  it('ends records with CRLF and doubles quotes', () => {
    const csv = ordersCsv([order('o1', 'Noah, "Jr."', 'Ada', 'hot')]);
    expect(csv).toContain('"Noah, ""Jr."""');
    expect(csv.split('\r\n').length).toBeGreaterThan(2);
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(text('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(text('+1')).toBe(`'+1`);
    expect(text('Ada')).toBe('Ada');
    const rows = parse(ordersCsv([order('o1', 'Mia', '=1+1', 'hot')]));
    expect(rows[1]![ORDER_COLUMNS.indexOf('customer')]).toBe(`'=1+1`);
  });

  it('writes every report table, with figures that parse back to the report', () => {
    const report = salesReport([order('o1', 'Mia, "M"', 'Ada', '')], { timeZone: 'UTC', categories: { latte: 'Coffee, hot' } });
    for (const table of REPORT_TABLES) expect(parse(reportTableCsv(report, table)).length).toBeGreaterThan(0);
    const summary = Object.fromEntries(parse(reportTableCsv(report, 'summary')).slice(1));
    expect(summary['net sales']).toBe('9.50');
    expect(summary['tax']).toBe('0.76');
    const categories = parse(reportTableCsv(report, 'categories'));
    expect(categories[1]).toEqual(['Coffee, hot', '2', '0', '9.50']);
    const hours = parse(reportTableCsv(report, 'hours'));
    expect(hours).toHaveLength(25);
    expect(hours[14]).toEqual(['13:00', '1', '9.50']);
    expect(parse(reportTableCsv(report, 'staff'))[1]).toEqual(['u1', 'Mia, "M"', '1', '9.50']);
  });
});

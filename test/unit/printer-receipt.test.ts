import { describe, expect, it } from 'vitest';
import { codepageFor, encodeKick, encodeReceipt, encodeTestPage } from '../../src/main/printer/receipt';
import type { Order } from '../../src/shared/orders';
import { DEFAULT_PRINTER, printerConfigSchema, type PrinterConfig } from '../../src/shared/printer';
import { decodeEscPos, squeezed } from '../support/escpos-decode';
import { ESPRESSO, LATTE_LARGE_OAT, SAMPLE_STAFF, sampleOrder } from '../support/sample-order';

const by = SAMPLE_STAFF;
const order = (overrides: Partial<Order> = {}) => sampleOrder({ lines: [{ ...LATTE_LARGE_OAT, note: 'extra hot' }, ESPRESSO], ...overrides });

const printer: PrinterConfig = { ...DEFAULT_PRINTER, host: '192.168.1.50', drawer: true, footer: 'Wi-Fi: café-guest' };
const shop = { shopName: 'Coffee Cloud', currency: 'USD', locale: 'en-US' };

describe('the 80 mm receipt as the printer prints it', () => {
  it('has the shop, the ticket big, lines with modifiers and notes, totals, tenders and change, and the footer', () => {
    const printed = decodeEscPos(encodeReceipt({ order: order(), kick: false }, shop, printer));
    const lines = squeezed(printed);
    expect(printed.unknown).toEqual([]);
    expect(lines[0]).toBe('Coffee Cloud');
    expect(printed.big).toEqual(['T1-042']);
    expect(lines).toContain('1 × Latte $6.10');
    expect(lines).toContain('Large +$1.00, Oat +$0.60');
    expect(lines).toContain('Note: extra hot');
    expect(lines).toContain('1 × Espresso $3.00');
    expect(lines).toContain('Subtotal $9.10');
    expect(lines).toContain('Tax 8% $0.73');
    expect(lines).toContain('TOTAL $9.83');
    expect(lines).toContain('Cash $20.00');
    expect(lines).toContain('Change $10.17');
    expect(lines).toContain('Wi-Fi: café-guest');
    expect(printed.cuts).toBe(1);
    expect(printed.kicks).toBe(0);
    // 80 mm paper: 48 characters a line, never more.
    expect(Math.max(...printed.lines.map((l) => l.length))).toBeLessThanOrEqual(48);
  });

  it('fits 58 mm paper in 32 columns', () => {
    const printed = decodeEscPos(encodeReceipt({ order: order(), kick: false }, shop, { ...printer, paperWidth: 58 }));
    expect(Math.max(...printed.lines.map((l) => l.length))).toBeLessThanOrEqual(32);
    expect(squeezed(printed)).toContain('TOTAL $9.83');
  });

  it('prints euros, pounds and accents through the printer’s code pages, not as question marks', () => {
    const euro = decodeEscPos(encodeReceipt({ order: order({ lines: [{ ...order().lines[1]!, name: 'Crème brûlée' }] }), kick: false }, { shopName: 'Café Zoë', currency: 'EUR', locale: 'fr-FR' }, printer));
    const lines = squeezed(euro);
    expect(lines[0]).toBe('Café Zoë');
    expect(lines).toContain('1 × Crème brûlée 3,00 €');
    expect(lines).toContain('TOTAL 9,83 €');
    expect(euro.lines.join('\n')).not.toContain('?');

    const pound = squeezed(decodeEscPos(encodeReceipt({ order: order(), kick: false }, { shopName: 'Señor Bean', currency: 'GBP', locale: 'en-GB' }, printer)));
    expect(pound[0]).toBe('Señor Bean');
    expect(pound).toContain('TOTAL £9.83');
  });

  it('picks one code page that prints the whole receipt, and switches page by character only when none does', () => {
    // PC437 has no ×, which every line uses: even a plain dollar receipt is PC858.
    expect(codepageFor('Coffee Cloud $9.83')).toBe('cp858');
    expect(codepageFor('Café Zoë 9,83 €')).toBe('cp858');
    const mixed = decodeEscPos(encodeReceipt({ order: order(), kick: false }, { shopName: 'Кофейня Zoë', currency: 'EUR', locale: 'de-DE' }, printer));
    expect(codepageFor('Кофейня 9,83 €')).toBe('auto');
    expect(squeezed(mixed)[0]).toBe('Кофейня Zoë');
    expect(squeezed(mixed)).toContain('TOTAL 9,83 €');
  });

  it('opens the drawer before the receipt when asked to, and the kick alone prints nothing', () => {
    const withKick = decodeEscPos(encodeReceipt({ order: order(), kick: true }, shop, printer));
    expect(withKick.kicks).toBe(1);
    const kick = decodeEscPos(encodeKick(printer));
    expect(kick).toMatchObject({ kicks: 1, cuts: 0 });
    expect(kick.lines.filter(Boolean)).toEqual([]);
  });

  it('a refund slip says what went back and why', () => {
    const refunded = order({
      refunds: [{ refundId: 'r1', at: '2026-12-01T10:00:00.000Z', by, reason: 'spilled', amountCents: 324, lines: [{ lineId: 'l2', quantity: 1 }] }],
      refundedCents: 324,
    });
    const lines = squeezed(decodeEscPos(encodeReceipt({ order: refunded, refund: true, kick: false }, shop, printer)));
    expect(lines).toContain('REFUND');
    expect(lines).toContain('1 × Espresso');
    expect(lines).toContain('Reason: spilled');
    expect(lines).toContain('REFUNDED -$3.24');
  });

  it('the test page names the printer and shows the accents and currencies', () => {
    const lines = squeezed(decodeEscPos(encodeTestPage(shop, printer, new Date('2026-12-01T09:00:00Z'))));
    expect(lines).toContain('TEST');
    expect(lines).toContain('Printer 192.168.1.50:9100, 80 mm paper');
    expect(lines).toContain('Accents: café crème, Müsli, señor, Ærø');
    expect(lines).toContain('Currency: $ € £ ¥');
  });
});

describe('printer settings', () => {
  it('refuse a bad address, port or paper width with a message that says what to fix', () => {
    const bad = (patch: Partial<Record<keyof PrinterConfig, unknown>>) => printerConfigSchema.safeParse({ ...printer, ...patch }).error?.issues[0]?.message;
    expect(bad({ host: 'printer at the bar' })).toMatch(/address doesn’t look right/);
    expect(bad({ port: 0 })).toMatch(/between 1 and 65535/);
    expect(bad({ port: 9100.5 })).toMatch(/whole number/);
    expect(bad({ paperWidth: 72 })).toMatch(/80 mm or 58 mm/);
    expect(bad({ footer: 'x'.repeat(201) })).toMatch(/under 200/);
    expect(printerConfigSchema.parse({ ...printer, host: ' 10.0.0.7 ' }).host).toBe('10.0.0.7');
  });
});

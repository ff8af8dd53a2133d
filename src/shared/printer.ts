import { z } from 'zod';

/**
 * This till's receipt printer: a property of the till's network (its host and port), kept on the
 * till, not in the shop's settings. An empty host means no thermal printer: receipts go through the
 * window's print dialog.
 */
export interface PrinterConfig {
  host: string;
  port: number;
  paperWidth: 80 | 58;
  /** The cash drawer is wired to this printer and opens on its kick pulse. */
  drawer: boolean;
  /** auto: every sale prints its receipt; ask: the barista presses Print receipt. */
  receipts: 'auto' | 'ask';
  /** Printed under the receipt, e.g. "Thank you! Wi-Fi: cafe-guest". */
  footer: string;
}

export const DEFAULT_PRINTER: PrinterConfig = { host: '', port: 9100, paperWidth: 80, drawer: false, receipts: 'auto', footer: 'Thank you!' };

/** Characters per line in the printer's standard font: 80 mm paper has 48, 58 mm has 32. */
export const COLUMNS: Record<PrinterConfig['paperWidth'], number> = { 80: 48, 58: 32 };

// A host name (RFC 1123 labels) or an IPv4 address; what a café's printer is reached by.
const HOST = /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export const printerConfigSchema = z.strictObject({
  host: z
    .string({ error: 'Enter the printer’s address.' })
    .trim()
    .max(253, 'That printer address is too long.')
    .refine((h) => h === '' || HOST.test(h), 'That printer address doesn’t look right: use its IP address (like 192.168.1.50) or its name.'),
  port: z
    .number({ error: 'The port is a number, usually 9100.' })
    .int('The port is a whole number, usually 9100.')
    .min(1, 'The port is between 1 and 65535 (usually 9100).')
    .max(65_535, 'The port is between 1 and 65535 (usually 9100).'),
  paperWidth: z.union([z.literal(80), z.literal(58)], { error: 'Paper is 80 mm or 58 mm wide.' }),
  drawer: z.boolean(),
  receipts: z.enum(['auto', 'ask'], { error: 'Receipts print after every sale or when asked.' }),
  footer: z.string().trim().max(200, 'Keep the footer under 200 characters.'),
});

export type PrintKind = 'receipt' | 'refund' | 'drawer' | 'test' | 'report';

/** A print that didn't make it after its retries: what the barista's message shows. */
export interface FailedPrint {
  jobId: string;
  kind: PrintKind;
  /** What it was for: "Receipt T1-042". */
  label: string;
  orderId?: string;
  reason: string;
  failedAt: string;
}

export interface PrinterStatus {
  /** A thermal printer is set up on this till. */
  configured: boolean;
  receipts: PrinterConfig['receipts'];
  /** Prints waiting or being retried in the background. */
  queued: number;
  failed: FailedPrint[];
}

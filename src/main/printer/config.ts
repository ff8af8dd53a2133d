import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_PRINTER, printerConfigSchema, type PrinterConfig } from '../../shared/printer';

/**
 * This till's printer settings, in their own small file in the till's data folder: the printer's
 * address belongs to this till's network, not to the shop's settings in the cloud.
 */
export function loadPrinterConfig(file: string, log: (msg: string, error?: unknown) => void = () => {}): PrinterConfig {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return DEFAULT_PRINTER;
  }
  try {
    return printerConfigSchema.parse({ ...DEFAULT_PRINTER, ...(JSON.parse(raw) as object) });
  } catch (error) {
    // A broken file must not stop the till selling: no thermal printer until a manager saves again.
    log(`[printer] ignoring ${file}: it isn’t valid printer settings`, error);
    return DEFAULT_PRINTER;
  }
}

/** Written whole then renamed: a crash mid-save leaves the old settings, never half of new ones. */
export function savePrinterConfig(file: string, config: PrinterConfig): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(config, null, 2));
  renameSync(`${file}.tmp`, file);
}

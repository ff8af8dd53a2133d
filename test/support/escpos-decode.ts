import iconv from 'iconv-lite';

/**
 * Reads ESC/POS bytes back into what a printer would do with them: the text lines it prints (in the
 * code page selected at that point), the lines printed enlarged, cuts and drawer kicks. Written from
 * Epson's command reference, independently of the encoder the app uses, so a wrong code page or a
 * missing cut shows here.
 */
export interface Printed {
  /** Every printed line, trailing spaces trimmed. */
  lines: string[];
  /** Lines printed at double size or more (the ticket number). */
  big: string[];
  cuts: number;
  kicks: number;
  /** Commands this decoder doesn't know: a test failing on one means the encoder sent something unexpected. */
  unknown: string[];
}

/** ESC t n → code page, per Epson's table (the one the app's encoder is told to use). */
const EPSON_CODEPAGES: Record<number, string> = {
  0: 'cp437',
  2: 'cp850',
  3: 'cp860',
  4: 'cp863',
  5: 'cp865',
  13: 'cp857',
  14: 'cp737',
  16: 'windows-1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
};

/** Commands that take a fixed number of parameter bytes and print nothing; what they set doesn't matter here. */
const ESC_PARAMS: Record<number, number> = {
  0x21: 1, // ESC ! print mode
  0x2d: 1, // ESC - underline
  0x32: 0, // ESC 2 default line spacing
  0x33: 1, // ESC 3 line spacing
  0x34: 1, // ESC 4 italic (some models)
  0x45: 1, // ESC E bold
  0x47: 1, // ESC G double strike
  0x4a: 1, // ESC J feed dots
  0x4d: 1, // ESC M font
  0x61: 1, // ESC a align
  0x7b: 1, // ESC { upside down
  0x24: 2, // ESC $ absolute position
  0x5c: 2, // ESC \ relative position
};
const GS_PARAMS: Record<number, number> = {
  0x42: 1, // GS B invert
  0x4c: 2, // GS L left margin
  0x57: 2, // GS W print width
};

export function decodeEscPos(bytes: Uint8Array): Printed {
  const out: Printed = { lines: [], big: [], cuts: 0, kicks: 0, unknown: [] };
  let codepage = 'cp437';
  let enlarged = false;
  let lineIsBig = false;
  let text: number[] = [];
  let line = '';
  const flushText = () => {
    if (text.length) line += iconv.decode(Buffer.from(text), codepage);
    text = [];
  };
  const endLine = () => {
    flushText();
    const printed = line.trimEnd();
    out.lines.push(printed);
    if (lineIsBig && printed) out.big.push(printed.trim());
    line = '';
    lineIsBig = enlarged;
  };

  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      endLine();
    } else if (b === 0x0d) {
      // carriage return: the encoder ends lines with LF CR; LF already printed the line
    } else if (b === 0x1b) {
      const cmd = bytes[++i]!;
      flushText();
      if (cmd === 0x40) {
        codepage = 'cp437';
        enlarged = false;
      } else if (cmd === 0x74) {
        const n = bytes[++i]!;
        const page = EPSON_CODEPAGES[n];
        if (!page) out.unknown.push(`ESC t ${n}`);
        codepage = page ?? 'cp437';
      } else if (cmd === 0x70) {
        out.kicks++;
        i += 3;
      } else if (cmd === 0x64) {
        const n = bytes[++i]!;
        for (let k = 0; k < n; k++) endLine();
      } else if (cmd in ESC_PARAMS) {
        i += ESC_PARAMS[cmd]!;
      } else {
        out.unknown.push(`ESC 0x${cmd.toString(16)}`);
      }
    } else if (b === 0x1d) {
      const cmd = bytes[++i]!;
      flushText();
      if (cmd === 0x21) {
        enlarged = bytes[++i]! !== 0;
        if (enlarged) lineIsBig = true;
      } else if (cmd === 0x56) {
        out.cuts++;
        const m = bytes[++i]!;
        if (m === 65 || m === 66) i++;
      } else if (cmd in GS_PARAMS) {
        i += GS_PARAMS[cmd]!;
      } else {
        out.unknown.push(`GS 0x${cmd.toString(16)}`);
      }
    } else if (b === 0x1c) {
      // FS . / FS C: kanji mode off, character set; one optional parameter for FS C
      const cmd = bytes[++i]!;
      if (cmd === 0x43) i++;
      else if (cmd !== 0x2e) out.unknown.push(`FS 0x${cmd.toString(16)}`);
    } else if (b === 0x10 && bytes[i + 1] === 0x04) {
      i += 2; // DLE EOT n: a status request, answered by the printer, prints nothing
    } else if (b < 0x20) {
      out.unknown.push(`0x${b.toString(16)}`);
    } else {
      text.push(b);
    }
  }
  if (text.length || line) endLine();
  return out;
}

/** Lines with runs of spaces collapsed: "1 × Latte      $6.10" → "1 × Latte $6.10", for readable assertions. */
export function squeezed(printed: Printed): string[] {
  return printed.lines.map((l) => l.replace(/ {2,}/g, ' ').trim()).filter(Boolean);
}

import { inflateSync } from 'node:zlib';

/**
 * The text a PDF written by pdfkit shows, one line per text operation: its content streams inflated, the hex
 * strings of each TJ array (split where kerning applies) joined. pdfkit writes the standard fonts in WinAnsi, which
 * is latin1 for the letters we print.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const [, body] of raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(body, 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const [, array] of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...array.matchAll(/<([0-9a-f]*)>/gi)].map(([, h]) => h).join('');
      lines.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return lines.join('\n');
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Tagged template: interpolated values are escaped unless wrapped with `raw()`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, part, i) => {
    if (i === 0) return part;
    const value = values[i - 1];
    const text = value instanceof RawHtml ? value.html : escapeHtml(String(value ?? ''));
    return out + text + part;
  }, '');
}

export class RawHtml {
  constructor(readonly html: string) {}
}

export const raw = (markup: string) => new RawHtml(markup);

/** An amount for people, from integer cents, in the visitor's language (Dutch when none is given). */
export { formatMoney as euros } from '@rw/kernel';

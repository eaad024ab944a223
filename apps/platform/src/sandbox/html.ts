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

/** "25,00 €" as Belgians write it, from integer cents. */
export function euros(cents: number): string {
  const whole = Math.floor(Math.abs(cents) / 100);
  const rest = String(Math.abs(cents) % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}${whole.toLocaleString('nl-BE')},${rest} €`;
}

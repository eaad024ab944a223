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

export function page(title: string, body: string): string {
  return html`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; }
  .banner { background: #fff4d6; border: 1px solid #e0b84c; padding: .5rem .75rem; border-radius: .5rem; }
  .amount { font-size: 2rem; font-weight: 700; margin: 1rem 0; }
  button { font-size: 1rem; padding: .75rem 1.25rem; margin: .25rem .25rem .25rem 0; border-radius: .5rem; border: 1px solid #888; cursor: pointer; }
  button.pay { background: #1f7a3a; color: #fff; border-color: #1f7a3a; }
</style>
</head>
<body>
${raw(body)}
</body>
</html>`;
}

/** "25,00 €" as Belgians write it, from integer cents. */
export function euros(cents: number): string {
  const whole = Math.floor(Math.abs(cents) / 100);
  const rest = String(Math.abs(cents) % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}${whole.toLocaleString('nl-BE')},${rest} €`;
}

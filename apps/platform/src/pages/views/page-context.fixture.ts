import type { Language } from '@rw/kernel';
import { translator } from '../../i18n';
import type { PageContext } from '../layout';

/** A page's context as a request would give it, for component specs. */
export const pageContextFor = (lang: Language, url = '/somewhere'): PageContext => ({
  lang,
  t: translator(lang),
  url,
  baseUrl: 'https://walk.example',
  csrfToken: 'token-123',
});

/** A name made of markup: it must come out as text. */
export const HOSTILE = '<script>alert("x")</script>';
/** How the component layer writes it: `<`, `&` and `"` escaped, so no tag can open. */
export const HOSTILE_ESCAPED = '&lt;script>alert(&quot;x&quot;)&lt;/script>';

import { en } from './messages/en';
import { fr } from './messages/fr';
import { nl } from './messages/nl';

/**
 * One catalogue per language: every sentence a person reads (pages, desk, screen, mails, domain refusals), as ICU
 * MessageFormat. Dutch is the source: French and English have the same keys, or the type check fails. A catalogue is
 * kept in one folder per language, a file per surface, so that it reads well; it is one object all the same.
 */
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type Catalogue = Strings<typeof nl>;

type Paths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Paths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** `pages.giveTo`, `desk.logIn`, `errors.email_already_has_account`... */
export type MessageKey = Paths<Catalogue>;

export const catalogues = { nl, fr, en } as const;

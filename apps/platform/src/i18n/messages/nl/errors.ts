/** The errors section of the Dutch catalogue (ICU MessageFormat). Dutch is the source language. */
export const errors = {
  // a refusal the catalogue has no sentence for yet: the English reason, in a sentence of the visitor's language
  generic: 'Dat kan niet: {reason}',
};

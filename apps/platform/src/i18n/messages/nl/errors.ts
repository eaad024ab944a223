/** The errors section of the Dutch catalogue (ICU MessageFormat). Dutch is the source language. */
export const errors = {
  // a refusal the catalogue has no sentence for yet: the English reason, in a sentence of the visitor's language
  generic: 'Dat kan niet: {reason}',
  // --- refusals the desk meets (desk helper); the full list may hold the same keys: keep one ---
  walker_not_found: 'Die stapper bestaat niet (meer): zoek opnieuw.',
};

import type { Catalogue } from '../../catalogue';

export const errors: Catalogue['errors'] = {
  // a refusal the catalogue has no sentence for yet: the English reason, in a sentence of the visitor's language
  generic: 'That is not possible: {reason}',
  // --- refusals the desk meets (desk helper); the full list may hold the same keys: keep one ---
  walker_not_found: 'That walker does not exist (any more): search again.',
};

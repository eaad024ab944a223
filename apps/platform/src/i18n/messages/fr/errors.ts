import type { Catalogue } from '../../catalogue';

export const errors: Catalogue['errors'] = {
  // a refusal the catalogue has no sentence for yet: the English reason, in a sentence of the visitor's language
  generic: 'Ce n’est pas possible : {reason}',
};

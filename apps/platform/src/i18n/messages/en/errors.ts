import type { Catalogue } from '../../catalogue';

export const errors: Catalogue['errors'] = {};

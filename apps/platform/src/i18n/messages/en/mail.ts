import type { Catalogue } from '../../catalogue';

export const mail: Catalogue['mail'] = {};

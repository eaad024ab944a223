import type { Catalogue } from '../../catalogue';

export const desk: Catalogue['desk'] = {};

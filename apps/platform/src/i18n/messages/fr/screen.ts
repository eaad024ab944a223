import type { Catalogue } from '../../catalogue';

export const screen: Catalogue['screen'] = {};

import { common } from './common';
import { desk } from './desk';
import { errors } from './errors';
import { finance } from './finance';
import { mail } from './mail';
import { pages } from './pages';
import { screen } from './screen';

export const nl = { common, pages, desk, screen, mail, errors, finance };

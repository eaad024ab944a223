import { t } from '../i18n';
import { renderFragment } from './render';
import { richText } from './rich-text';

describe('a sentence with an element in it', () => {
  it('puts the element where the sentence has its argument, in every language’s own order', () => {
    const link = <a href="/teams/t-1">Zon</a>;
    expect(renderFragment(<p>{richText((values) => t('nl', 'pages.walkerOf', values), { team: link })}</p>)).toBe(
      '<p>stapt mee in team <a href="/teams/t-1">Zon</a></p>',
    );
    expect(renderFragment(<p>{richText((values) => t('fr', 'pages.walkerOf', values), { team: link })}</p>)).toBe(
      '<p>marche dans l’équipe <a href="/teams/t-1">Zon</a></p>',
    );
  });

  it('keeps the text around the element as text', () => {
    const html = renderFragment(<p>{richText(({ who }) => `<b>${who}</b> & co`, { who: <em>x</em> })}</p>);
    expect(html).toBe('<p>&lt;b><em>x</em>&lt;/b> &amp; co</p>');
  });
});

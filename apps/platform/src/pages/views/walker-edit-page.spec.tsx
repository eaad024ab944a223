import { LANGUAGES } from '@rw/kernel';
import type { DistanceProposal } from '@rw/read-models';
import { renderFragment } from '../../views/render';
import { TrackProfile } from '../../views/track-profile';
import { emptyForm } from '../forms';
import { HOSTILE, HOSTILE_ESCAPED, pageContextFor } from './page-context.fixture';
import { WalkerEditPage } from './walker-edit-page';

const proposal = (status: DistanceProposal['status']): DistanceProposal => ({
  walkerId: 'w-1',
  proposalId: 'f'.repeat(64),
  km: 21.5,
  points: 812,
  durationSeconds: 5 * 3600 + 7 * 60,
  profile: [
    [0, 12],
    [10.2, 48],
    [21.5, 20],
  ],
  proposedAt: '2026-09-27T16:00:00Z',
  status,
});

const page = (lang: (typeof LANGUAGES)[number], props: Partial<Parameters<typeof WalkerEditPage>[0]> = {}) =>
  renderFragment(
    <WalkerEditPage
      ctx={pageContextFor(lang)}
      walkerId="w-1"
      token="tok"
      name="Youssef"
      form={emptyForm({ story: '', target: '250' })}
      saved={false}
      {...props}
    />,
  );

describe('the walker’s private page: distance from a track', () => {
  it.each([
    ['nl', 'Je stelde 21,5 km voor. Een organisator moet dit nog goedkeuren.', 'Gemeten over 812 punten in 5 u 7 min'],
    [
      'fr',
      'Vous avez proposé 21,5 km. L’équipe d’organisation doit encore l’accepter.',
      'Mesurée sur 812 points en 5 h 7 min',
    ],
    ['en', 'You proposed 21.5 km. An organiser still has to accept it.', 'Measured over 812 points in 5 h 7 min'],
  ] as const)('says in %s that the proposal waits for an organiser', (lang, waiting, measured) => {
    const html = page(lang, { proposal: proposal('pending') });
    expect(html).toContain(waiting);
    expect(html).toContain(measured);
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('action="/walkers/w-1/edit/track?token=tok"');
    expect(html).toContain('<svg class="track-profile"');
  });

  it('says when an organiser accepted it, and shows nothing for a replaced one', () => {
    expect(page('nl', { proposal: proposal('accepted') })).toContain('Een organisator keurde je 21,5 km goed.');
    const replaced = page('nl', { proposal: proposal('replaced') });
    expect(replaced).not.toContain('21,5 km');
    expect(replaced).not.toContain('track-profile');
  });

  it('shows a refused file under the file field, tied to it, with the summary', () => {
    const html = page('fr', { trackForm: { values: {}, errors: { track: 'Choisissez un fichier GPX.' } } });
    expect(html).toContain('<p class="field-error" id="field-track-error">Choisissez un fichier GPX.</p>');
    expect(html).toMatch(/id="field-track"[^>]*aria-describedby="field-track-error"[^>]*aria-invalid="true"/);
    expect(html).toContain('class="error-summary"');
  });

  it('escapes a hostile name', () => {
    const html = page('en', { name: HOSTILE, proposal: proposal('pending') });
    expect(html).toContain(HOSTILE_ESCAPED);
    expect(html).not.toContain(HOSTILE);
  });
});

describe('the track profile', () => {
  it('draws elevation against distance from the numbers only, with its words for screen readers', () => {
    const html = renderFragment(
      <TrackProfile
        profile={[
          [0, 10],
          [5, 30],
          [10, 10],
        ]}
        title="profile"
      />,
    );
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="profile"');
    expect(html).toContain('<title>profile</title>');
    // first point at the left bottom, the top in the middle, the last at the right bottom
    expect(html).toContain('points="4.0,76.0 150.0,4.0 296.0,76.0"');
  });

  it('draws a flat walk as a level line and nothing for fewer than two samples', () => {
    const flat = renderFragment(
      <TrackProfile
        profile={[
          [0, 5],
          [2, 5],
        ]}
        title="flat"
      />,
    );
    expect(flat).toContain('points="4.0,40.0 296.0,40.0"');
    expect(renderFragment(<TrackProfile profile={[[0, 5]]} title="one" />)).toBe('');
  });
});

import type { Lang } from '../pages/i18n';

/** The words on the leaderboard screen, in the three languages of the site. */
export const screenMessages: Record<
  Lang,
  {
    title: string;
    raised: string;
    supporters: string;
    topTeams: string;
    topWalkers: string;
    latestGifts: string;
    anonymous: string;
    noGiftsYet: string;
    nobodyYet: string;
    offline: string;
    forWhom: (donor: string, beneficiary: string) => string;
  }
> = {
  nl: {
    title: 'Live scorebord',
    raised: 'opgehaald',
    supporters: 'sponsors',
    topTeams: 'Beste teams',
    topWalkers: 'Beste wandelaars',
    latestGifts: 'Laatste giften',
    anonymous: 'Anoniem',
    noGiftsYet: 'Nog geen giften: de eerste komt eraan!',
    nobodyYet: 'Nog niemand',
    offline: 'Verbinding kwijt: we tonen de laatste stand en halen de rest in zodra de server terug is.',
    forWhom: (donor, beneficiary) => `${donor} voor ${beneficiary}`,
  },
  fr: {
    title: 'Classement en direct',
    raised: 'récoltés',
    supporters: 'sponsors',
    topTeams: 'Meilleures équipes',
    topWalkers: 'Meilleurs marcheurs',
    latestGifts: 'Derniers dons',
    anonymous: 'Anonyme',
    noGiftsYet: 'Pas encore de dons : le premier arrive !',
    nobodyYet: 'Personne encore',
    offline: 'Connexion perdue : le dernier état reste affiché et se met à jour dès le retour du serveur.',
    forWhom: (donor, beneficiary) => `${donor} pour ${beneficiary}`,
  },
  en: {
    title: 'Live leaderboard',
    raised: 'raised',
    supporters: 'supporters',
    topTeams: 'Top teams',
    topWalkers: 'Top walkers',
    latestGifts: 'Latest gifts',
    anonymous: 'Anonymous',
    noGiftsYet: 'No gifts yet: the first one is on its way!',
    nobodyYet: 'Nobody yet',
    offline: 'Connection lost: showing the last state, catching up as soon as the server is back.',
    forWhom: (donor, beneficiary) => `${donor} for ${beneficiary}`,
  },
};

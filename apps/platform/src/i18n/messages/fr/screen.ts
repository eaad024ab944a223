import type { Catalogue } from '../../catalogue';

export const screen: Catalogue['screen'] = {
  title: 'Classement en direct',
  raised: 'récoltés',
  topTeams: 'Meilleures équipes',
  topWalkers: 'Meilleur·es marcheurs·euses',
  latestGifts: 'Derniers dons',
  anonymous: 'Anonyme',
  noGiftsYet: 'Pas encore de dons\u202f: le premier arrive\u202f!',
  nobodyYet: 'Personne encore',
  offline: 'Connexion perdue\u202f: le dernier état reste affiché et se met à jour dès le retour du serveur.',
  forWhom: '{donor} pour {beneficiary}',
  goalLabel: 'Récolté par rapport à notre objectif',
  goalProgress: '{percent} de notre objectif de {goal}',
  scanToGive: 'Scannez pour donner',
  qrLabel: 'Code QR vers la page de don\u202f: {url}',
};

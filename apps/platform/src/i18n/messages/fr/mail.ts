import type { Catalogue } from '../../catalogue';

export const mail: Catalogue['mail'] = {
  greeting: 'Bonjour {name},',
  signature: 'Merci, l’équipe de la Refugee Walk',
  /** A line of a receipt or a link in the text version: label, then value. */
  line: '{label}\u00a0: {value}',
  beneficiary: '{type, select, walker {{name}} team {l’équipe {name}} edition {{name}} other {la Refugee Walk}}',
  receipt: {
    amount: 'Montant',
    date: 'Date',
    reference: 'Référence',
  },
  fee: {
    due: 'Vos frais d’inscription de {amount} ne sont pas encore payés. Ce lien vous permet de les payer.',
    payLink: 'Payer vos frais d’inscription',
  },
  pledge: {
    perKm: 'Vous avez promis {rate} par kilomètre parcouru pour {beneficiary}.',
    cap: 'Vous ne paierez jamais plus de {cap}.',
    fixed: 'Vous avez promis {amount} pour {beneficiary}.',
  },
  teamRegistered: {
    subject: 'Votre équipe {team} est inscrite',
    body: 'Vous êtes capitaine de votre équipe. Le premier lien modifie votre page\u202f; partagez le second avec qui veut rejoindre l’équipe.',
    joinCode: 'Code d’accès\u00a0: {code}',
    editLink: 'Modifier votre page (privé)',
    inviteLink: 'Invitation pour votre équipe',
  },
  walkerJoined: {
    subject: 'Bienvenue dans l’équipe {team}',
    body: 'Vous marchez avec nous. Ce lien modifie votre page\u202f; gardez-le pour vous.',
    editLink: 'Modifier votre page (privé)',
  },
  giftThanks: {
    subject: 'Merci pour votre don',
    body: 'Nous avons reçu votre don de {amount} pour {beneficiary}.',
    receipt: 'Gardez ce courriel\u00a0: il vous sert de reçu.',
    coveredFees: 'Dont {fees} pour couvrir les frais de paiement\u00a0: ainsi, votre don arrive entier. Merci\u202f!',
    link: 'Votre don',
  },
  monthlyGiftConfirmed: {
    subject: 'Votre don mensuel a commencé',
    body: 'Merci\u202f! Chaque mois vous donnez {amount} pour {beneficiary}.',
    howToStop: 'Vous voulez arrêter\u202f? Ce lien arrête votre don mensuel, quand vous voulez.',
    stopLink: 'Arrêter votre don mensuel',
  },
  monthlyGiftStopped: {
    subject: 'Votre don mensuel est arrêté',
    body: 'Votre don mensuel de {amount} pour {beneficiary} est arrêté\u00a0: plus rien ne sera prélevé sur votre compte.',
    by: '{by, select, donor {Vous l’avez arrêté vous-même.} finance {Notre organisation l’a arrêté. Une question\u202f? Répondez à ce courriel.} other {Votre banque ou votre service de paiement y a mis fin, par exemple parce qu’un mandat a été révoqué ou que des paiements ont échoué.}}',
    thanks: 'Merci pour tout ce que vous avez donné.',
  },
  registrationFeePaid: {
    subject: 'Vos frais d’inscription sont payés',
    body: 'Nous avons reçu vos frais d’inscription\u00a0: vous marchez dans l’équipe {team}.',
    pageLink: 'Votre page',
  },
  pledgeMade: {
    subject: 'Merci pour votre promesse de don',
    countedPerKm:
      'Après la marche, les organisateur·rice·s notent la distance parcourue\u00a0: votre promesse vaut ce nombre de kilomètres multiplié par votre montant par kilomètre.',
    countedFixed: 'Le montant est fixe, quelle que soit la distance parcourue.',
    whenOn:
      'Après la marche du {date}, vous recevrez un courriel avec le montant et un lien pour payer. D’ici là, vous ne payez rien.',
    when: 'Après la marche, vous recevrez un courriel avec le montant et un lien pour payer. D’ici là, vous ne payez rien.',
  },
  pledgeDue: {
    subject: 'Votre promesse de don est à payer',
    body: 'La marche a eu lieu\u202f! Votre promesse s’élève à {amount}.',
    walked: '{beneficiary} a parcouru {km, number}\u00a0km.',
    km: 'Distance parcourue',
    kmValue: '{km, number}\u00a0km',
    rate: 'Par kilomètre',
    cap: 'Maximum',
    due: 'À payer',
    payLink: 'Payer votre promesse',
  },
  giftDigest: {
    subject: '{count, plural, one {Vous avez reçu un don} other {Vous avez reçu # dons}}',
    body: '{count, plural, one {Le {day}, vous avez reçu un don\u00a0:} other {Le {day}, vous avez reçu # dons\u00a0:}}',
    named: '{name}\u00a0: {amount}',
    unnamed: 'Un·e donateur·rice\u00a0: {amount}',
    anonymous: 'Un·e donateur·rice anonyme',
    pageLink: 'Votre page',
  },
  outbox: {
    title: 'Boîte d’envoi',
    banner: 'Sandbox : ce courriel n’a pas été envoyé, il est seulement gardé ici.',
    empty: 'Pas encore de courriel.',
    count: '{count, plural, one {# courriel} other {# courriels}}',
    to: 'À',
    messageId: 'Message-ID',
    sent: 'Envoyé',
    htmlVersion: 'HTML',
    back: 'Retour à la boîte d’envoi',
  },
};

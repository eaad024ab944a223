import type { Catalogue } from '../../catalogue';

export const mail: Catalogue['mail'] = {
  greeting: 'Bonjour {name},',
  signature: 'Merci, l’équipe de la Refugee Walk',
  teamRegistered: {
    subject: 'Votre équipe {team} est inscrite',
    body: 'Vous êtes capitaine de votre équipe. Le premier lien modifie votre page ; partagez le second avec qui veut rejoindre l’équipe.',
    joinCode: 'Code d’accès : {code}',
    editLink: 'Modifier votre page (privé)',
    inviteLink: 'Invitation pour votre équipe',
  },
  walkerJoined: {
    subject: 'Bienvenue dans l’équipe {team}',
    body: 'Vous marchez avec nous. Ce lien modifie votre page ; gardez-le pour vous.',
    editLink: 'Modifier votre page (privé)',
  },
  giftThanks: {
    subject: 'Merci pour votre don',
    body: 'Nous avons reçu votre don de {amount}.',
    link: 'Votre don',
  },
  monthlyGiftConfirmed: {
    subject: 'Votre don mensuel a commencé',
    body: 'Merci ! Chaque mois vous donnez {amount}.',
    howToStop: 'Vous voulez arrêter ? Ce lien arrête votre don mensuel, quand vous voulez.',
    stopLink: 'Arrêter votre don mensuel',
  },
  pledgeDue: {
    subject: 'Votre promesse de don est à payer',
    body: 'La marche a eu lieu ! Votre promesse s’élève à {amount}.',
    payLink: 'Payer votre promesse',
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

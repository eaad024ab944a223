import type { Catalogue } from '../../catalogue';

export const mail: Catalogue['mail'] = {
  greeting: 'Dear {name},',
  signature: 'Thank you, the Refugee Walk team',
  teamRegistered: {
    subject: 'Your team {team} is registered',
    body: 'You are your team’s captain. The first link edits your page; share the second with whoever wants to walk with your team.',
    joinCode: 'Join code: {code}',
    editLink: 'Edit your page (private)',
    inviteLink: 'Invitation to your team',
  },
  walkerJoined: {
    subject: 'Welcome to team {team}',
    body: 'You are walking with us. This link edits your page; keep it to yourself.',
    editLink: 'Edit your page (private)',
  },
  giftThanks: {
    subject: 'Thank you for your gift',
    body: 'We received your gift of {amount}.',
    link: 'Your gift',
  },
  monthlyGiftConfirmed: {
    subject: 'Your monthly gift has started',
    body: 'Thank you! Each month you give {amount}.',
    howToStop: 'Want to stop? This link stops your monthly gift, whenever you like.',
    stopLink: 'Stop your monthly gift',
  },
  pledgeDue: {
    subject: 'Your pledge is now due',
    body: 'The walk is done! Your pledge now comes to {amount}.',
    payLink: 'Pay your pledge',
  },
  outbox: {
    title: 'Outbox',
    banner: 'Sandbox: this mail was not sent, only kept here.',
    empty: 'No mail yet.',
    count: '{count, plural, one {# mail} other {# mails}}',
    to: 'To',
    messageId: 'Message-ID',
    sent: 'Sent',
    htmlVersion: 'HTML',
    back: 'Back to the outbox',
  },
};

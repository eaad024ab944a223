/** The mails, in Dutch (ICU MessageFormat). Dutch is the source language. */
export const mail = {
  greeting: 'Beste {name},',
  signature: 'Bedankt, het team van de Refugee Walk',
  teamRegistered: {
    subject: 'Je team {team} is ingeschreven',
    body: 'Je bent kapitein van je team. Met de eerste link pas je je pagina aan; deel de tweede met wie met je team mee wil stappen.',
    joinCode: 'Deelnamecode: {code}',
    editLink: 'Pas je pagina aan (privé)',
    inviteLink: 'Uitnodiging voor je team',
  },
  walkerJoined: {
    subject: 'Welkom in team {team}',
    body: 'Je stapt mee. Met deze link pas je je pagina aan; hou hem voor jezelf.',
    editLink: 'Pas je pagina aan (privé)',
  },
  giftThanks: {
    subject: 'Bedankt voor je gift',
    body: 'We ontvingen je gift van {amount}.',
    link: 'Je gift',
  },
  monthlyGiftConfirmed: {
    subject: 'Je maandelijkse gift is gestart',
    body: 'Bedankt! Elke maand geef je {amount}.',
    howToStop: 'Wil je stoppen? Met deze link stop je je maandelijkse gift, wanneer je wil.',
    stopLink: 'Stop je maandelijkse gift',
  },
  pledgeDue: {
    subject: 'Je belofte is nu te betalen',
    body: 'Er werd gestapt! Je belofte bedraagt nu {amount}.',
    payLink: 'Betaal je belofte',
  },
  outbox: {
    title: 'Outbox',
    banner: 'Sandbox: deze mail werd niet verstuurd, alleen hier bewaard.',
    empty: 'Nog geen mail.',
    count: '{count, plural, one {# mail} other {# mails}}',
    to: 'Aan',
    messageId: 'Message-ID',
    sent: 'Verstuurd',
    htmlVersion: 'HTML',
    back: 'Terug naar de outbox',
  },
};

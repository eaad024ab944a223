/** The mails, in Dutch (ICU MessageFormat). Dutch is the source language. */
export const mail = {
  greeting: 'Beste {name},',
  signature: 'Bedankt, het team van de Refugee Walk',
  /** Who a gift or a pledge is for: a stapper by name, a team, the edition (a gift to the walk itself). */
  /** A line of a receipt or a link in the text version: label, then value. */
  line: '{label}: {value}',
  beneficiary: '{type, select, walker {{name}} team {team {name}} edition {{name}} other {de Refugee Walk}}',
  receipt: {
    amount: 'Bedrag',
    date: 'Datum',
    reference: 'Referentie',
  },
  fee: {
    due: 'Je inschrijvingsgeld van {amount} is nog niet betaald. Met deze link betaal je het.',
    payLink: 'Betaal je inschrijvingsgeld',
  },
  pledge: {
    perKm: 'Je beloofde {rate} per gestapte kilometer voor {beneficiary}.',
    cap: 'Je betaalt nooit meer dan {cap}.',
    fixed: 'Je beloofde {amount} voor {beneficiary}.',
  },
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
    body: 'We ontvingen je gift van {amount} voor {beneficiary}.',
    receipt: 'Bewaar deze mail: hij is je ontvangstbewijs.',
    coveredFees: 'Daarvan dekt {fees} de betaalkosten: zo komt je hele gift aan. Dank je wel!',
    link: 'Je gift',
  },
  monthlyGiftConfirmed: {
    subject: 'Je maandelijkse gift is gestart',
    body: 'Bedankt! Elke maand geef je {amount} voor {beneficiary}.',
    howToStop: 'Wil je stoppen? Met deze link stop je je maandelijkse gift, wanneer je wil.',
    stopLink: 'Stop je maandelijkse gift',
  },
  monthlyGiftStopped: {
    subject: 'Je maandelijkse gift is gestopt',
    body: 'Je maandelijkse gift van {amount} voor {beneficiary} is gestopt: er wordt niets meer van je rekening gehaald.',
    by: '{by, select, donor {Je stopte hem zelf.} finance {Onze organisatie stopte hem. Heb je een vraag? Antwoord dan op deze mail.} other {Je bank of betaaldienst beëindigde hem, bijvoorbeeld omdat een machtiging werd ingetrokken of betalingen mislukten.}}',
    thanks: 'Bedankt voor alles wat je gaf.',
  },
  registrationFeePaid: {
    subject: 'Je inschrijvingsgeld is betaald',
    body: 'We ontvingen je inschrijvingsgeld: je stapt mee in team {team}.',
    pageLink: 'Je pagina',
  },
  pledgeMade: {
    subject: 'Bedankt voor je belofte',
    countedPerKm:
      'Na de tocht noteren de organisatoren hoeveel kilometer er gestapt werd: je belofte is dat aantal kilometer maal je bedrag per kilometer.',
    countedFixed: 'Het bedrag staat vast, hoe ver er ook gestapt wordt.',
    whenOn:
      'Na de tocht van {date} krijg je een mail met het bedrag en een link om te betalen. Tot dan betaal je niets.',
    when: 'Na de tocht krijg je een mail met het bedrag en een link om te betalen. Tot dan betaal je niets.',
  },
  pledgeDue: {
    subject: 'Je belofte is nu te betalen',
    body: 'Er werd gestapt! Je belofte bedraagt nu {amount}.',
    walked: '{beneficiary} stapte {km, number}\u00a0km.',
    km: 'Gestapt',
    kmValue: '{km, number}\u00a0km',
    rate: 'Per kilometer',
    cap: 'Maximum',
    due: 'Te betalen',
    payLink: 'Betaal je belofte',
  },
  giftDigest: {
    subject: '{count, plural, one {Je kreeg een gift} other {Je kreeg # giften}}',
    body: '{count, plural, one {Op {day} kreeg je een gift:} other {Op {day} kreeg je # giften:}}',
    named: '{name}: {amount}',
    unnamed: 'Een sponsor: {amount}',
    anonymous: 'Een anonieme sponsor',
    pageLink: 'Je pagina',
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

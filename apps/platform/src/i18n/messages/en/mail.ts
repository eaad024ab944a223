import type { Catalogue } from '../../catalogue';

export const mail: Catalogue['mail'] = {
  greeting: 'Dear {name},',
  signature: 'Thank you, the Refugee Walk team',
  /** A line of a receipt or a link in the text version: label, then value. */
  line: '{label}: {value}',
  beneficiary: '{type, select, walker {{name}} team {team {name}} edition {{name}} other {the Refugee Walk}}',
  receipt: {
    amount: 'Amount',
    date: 'Date',
    reference: 'Reference',
  },
  fee: {
    due: 'Your registration fee of {amount} is not paid yet. This link pays it.',
    payLink: 'Pay your registration fee',
  },
  pledge: {
    perKm: 'You promised {rate} for each kilometre walked, for {beneficiary}.',
    cap: 'You will never pay more than {cap}.',
    fixed: 'You promised {amount} for {beneficiary}.',
  },
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
    body: 'We received your gift of {amount} for {beneficiary}.',
    receipt: 'Keep this mail: it is your receipt.',
    coveredFees: 'Of this, {fees} covers the payment costs, so your whole gift arrives. Thank you!',
    link: 'Your gift',
  },
  monthlyGiftConfirmed: {
    subject: 'Your monthly gift has started',
    body: 'Thank you! Each month you give {amount} for {beneficiary}.',
    howToStop: 'Want to stop? This link stops your monthly gift, whenever you like.',
    stopLink: 'Stop your monthly gift',
  },
  monthlyGiftStopped: {
    subject: 'Your monthly gift has stopped',
    body: 'Your monthly gift of {amount} for {beneficiary} has stopped: nothing more will be taken from your account.',
    by: '{by, select, donor {You stopped it yourself.} finance {Our organisation stopped it. A question? Reply to this mail.} other {Your bank or payment service ended it, for example because a mandate was revoked or payments failed.}}',
    thanks: 'Thank you for everything you gave.',
  },
  registrationFeePaid: {
    subject: 'Your registration fee is paid',
    body: 'We received your registration fee: you are walking with team {team}.',
    pageLink: 'Your page',
  },
  pledgeMade: {
    subject: 'Thank you for your pledge',
    countedPerKm:
      'After the walk, the organisers record the distance walked: your pledge is that number of kilometres times your amount per kilometre.',
    countedFixed: 'The amount is fixed, however far the walk goes.',
    whenOn: 'After the walk on {date}, we will mail you the amount and a link to pay it. Until then you pay nothing.',
    when: 'After the walk, we will mail you the amount and a link to pay it. Until then you pay nothing.',
  },
  pledgeDue: {
    subject: 'Your pledge is now due',
    body: 'The walk is done! Your pledge now comes to {amount}.',
    walked: '{beneficiary} walked {km, number}\u00a0km.',
    km: 'Walked',
    kmValue: '{km, number}\u00a0km',
    rate: 'Per kilometre',
    cap: 'At most',
    due: 'To pay',
    payLink: 'Pay your pledge',
  },
  giftDigest: {
    subject: '{count, plural, one {You received a gift} other {You received # gifts}}',
    body: '{count, plural, one {On {day} you received a gift:} other {On {day} you received # gifts:}}',
    named: '{name}: {amount}',
    unnamed: 'A sponsor: {amount}',
    anonymous: 'An anonymous sponsor',
    pageLink: 'Your page',
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

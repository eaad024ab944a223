import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { SmtpMailSender } from './smtp-mail-sender';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

describe('SMTP mail sender', () => {
  let server: SMTPServer;
  let port: number;
  const received: Received[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers the recipient, subject, text and HTML bodies and our Message-ID to the SMTP server', async () => {
    const sender = new SmtpMailSender(`smtp://127.0.0.1:${port}`, 'Refugee Walk <walk@example.org>');
    try {
      await sender.send({
        messageId: '<abc123@mail.refugeewalk>',
        to: 'anna@example.be',
        subject: 'Je team is ingeschreven',
        text: 'Beste Anna,\nwelkom.',
        html: '<p>Beste Anna,</p>',
      });
    } finally {
      sender.close();
    }
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail.from).toBe('walk@example.org');
    expect(mail.to).toEqual(['anna@example.be']);
    expect(mail.raw).toMatch(/^Message-ID: <abc123@mail\.refugeewalk>\r?$/im);
    expect(mail.raw).toMatch(/^Subject: Je team is ingeschreven\r?$/im);
    expect(mail.raw).toMatch(/^To: anna@example\.be\r?$/im);
    expect(mail.raw).toContain('Content-Type: text/plain');
    expect(mail.raw).toContain('Beste Anna,\r\nwelkom.');
    expect(mail.raw).toContain('Content-Type: text/html');
    expect(mail.raw).toContain('<p>Beste Anna,</p>');
  });
});

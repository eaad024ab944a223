import { createTransport, type Transporter } from 'nodemailer';
import type { MailMessage, MailSender } from './mail-sender';

/** Sends through an SMTP server (`SMTP_URL`, e.g. smtps://user:pass@smtp.example.org) with nodemailer. */
export class SmtpMailSender implements MailSender {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(smtpUrl);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
    });
  }

  close(): void {
    this.transport.close();
  }
}

/** One mail, ready to go. */
export interface MailMessage {
  /** `<…@…>`, derived from the mail's key: a resend after a crash carries the same id, so it is recognisable. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The mail port: the outbox (embedded default) or SMTP. Sending the same Message-ID twice is allowed. */
export interface MailSender {
  send(message: MailMessage): Promise<void>;
  /** GDPR erasure: forget every kept mail to this address (only a sender that keeps mail has something to forget). */
  forgetRecipient?(email: string): void;
  /** GDPR erasure: forget the kept mails with these Message-IDs (mails to others that named the erased person). */
  forgetMessages?(messageIds: readonly string[]): void;
  close?(): void;
}

export const MAIL_SENDER = Symbol('MailSender');

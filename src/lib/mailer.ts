import nodemailer from 'nodemailer';
import type { Logger } from './logger.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * E-mail through a real SMTP server when SMTP_URL is set (nodemailer); without one (development), each
 * message is written to the log instead, so the channel still works end to end on a laptop.
 */
export function createMailer(smtpUrl: string | undefined, from: string, logger: Logger): Mailer {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : nodemailer.createTransport({ jsonTransport: true });
  return {
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      if (!smtpUrl) logger.info({ mail: (info as { message?: unknown }).message }, 'e-mail (no SMTP_URL: logged, not sent)');
    },
    close: () => transport.close(),
  };
}

import { createTransport, Transporter } from 'nodemailer';
import type { FiredAlert } from './payloads';
import { DeliveryError } from './webhook-sender';

/** Sends alert e-mails through the SMTP server in SMTP_URL; without one, e-mail channels fail with a clear reason. */
export class EmailSender {
  private readonly transport: Transporter | null;

  constructor(
    smtpUrl: string | null,
    private readonly from: string,
  ) {
    this.transport = smtpUrl ? createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }) : null;
  }

  async send(to: string, alert: FiredAlert): Promise<void> {
    if (!this.transport) throw new DeliveryError('e-mail is not configured: set SMTP_URL');
    const story = alert.story;
    const lines = [
      `Rule: ${alert.rule.name} (${alert.severity})`,
      `Query: ${alert.rule.query}`,
      '',
      story.title,
      story.url ?? '',
      '',
      story.summary,
      '',
      `Sources: ${story.sources.map((s) => s.feedTitle).join(', ')}`,
      `Regions: ${story.regions.join(', ') || '-'}; topics: ${story.topics.join(', ') || '-'}`,
    ];
    try {
      await this.transport.sendMail({ from: this.from, to, subject: `[${alert.severity}] ${alert.rule.name}: ${story.title}`.slice(0, 250), text: lines.join('\n') });
    } catch (error) {
      throw new DeliveryError(`e-mail to ${to} failed: ${(error as Error).message}`);
    }
  }

  close(): void {
    this.transport?.close();
  }
}

import { createTransport, Transporter } from 'nodemailer';
import { type FiredAlert, followUpText, sourcesText } from './payloads';
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
    const followUp = followUpText(alert);
    const lines = [
      ...(followUp ? [followUp, ''] : []),
      `Rule: ${alert.rule.name} (${alert.severity})`,
      `Query: ${alert.rule.query}`,
      '',
      story.title,
      story.url ?? '',
      '',
      story.summary,
      '',
      // The event's sources when the alert fired; a story never placed in an event has only its own feeds.
      alert.sources.length ? `Sources (${alert.sources.length}): ${sourcesText(alert)}` : `Sources: ${story.sources.map((s) => s.feedTitle).join(', ')}`,
      ...(alert.corroboration ? [`Corroboration: ${alert.corroboration.text}`] : []),
      `Regions: ${story.regions.join(', ') || '-'}; topics: ${story.topics.join(', ') || '-'}`,
    ];
    const subject = `[${alert.severity}] ${alert.rule.name}: ${followUp ? 'now corroborated: ' : ''}${story.title}`;
    try {
      await this.transport.sendMail({ from: this.from, to, subject: subject.slice(0, 250), text: lines.join('\n') });
    } catch (error) {
      throw new DeliveryError(`e-mail to ${to} failed: ${(error as Error).message}`);
    }
  }

  close(): void {
    this.transport?.close();
  }
}

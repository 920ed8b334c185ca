import { createHmac } from 'node:crypto';
import { Logger } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { NotificationRow } from './notification-store.js';

export interface ChannelSettings {
  webhookSecret?: string;
  smtpUrl?: string;
  smtpFrom: string;
  timeoutMs: number;
}

/**
 * Delivers one outbox message. Throws on failure (the dispatcher retries). Receivers deduplicate on the
 * message id, sent as `X-Message-Id` on webhooks and as the email's Message-ID.
 */
export class Channels {
  private readonly log = new Logger('Notifications');
  private readonly mail: Transporter | null;

  constructor(private readonly s: ChannelSettings) {
    this.mail = s.smtpUrl ? nodemailer.createTransport(s.smtpUrl) : null;
  }

  async deliver(n: NotificationRow): Promise<void> {
    switch (n.channel) {
      case 'webhook':
        return this.webhook(n);
      case 'email':
        return this.email(n);
      case 'log':
        this.log.log({ incidentId: n.incident_id, notificationId: n.id, audience: n.audience }, `${n.kind} ${n.audience} [${n.id}]: ${JSON.stringify((n.payload as { message?: unknown }).message)}`);
        return;
    }
  }

  private async webhook(n: NotificationRow): Promise<void> {
    const body = JSON.stringify({ id: n.id, ...n.payload });
    const timestamp = new Date().toISOString();
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-message-id': n.id, 'x-timestamp': timestamp };
    // The signature covers the timestamp and the body, so a captured request cannot be replayed later unnoticed.
    if (this.s.webhookSecret) headers['x-signature'] = `sha256=${createHmac('sha256', this.s.webhookSecret).update(`${timestamp}.${body}`).digest('hex')}`;
    const res = await fetch(n.address!, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.s.timeoutMs) });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  }

  private async email(n: NotificationRow): Promise<void> {
    if (!this.mail) throw new Error('SMTP_URL is not configured');
    const p = n.payload as { message: { vi: string; en: string }; incident: { unit: string; level: string } };
    await this.mail.sendMail({
      from: this.s.smtpFrom,
      to: n.address!,
      subject: `[${p.incident.unit} · ${p.incident.level}] ${p.message.vi} / ${p.message.en}`,
      text: `${p.message.vi}\n\n${p.message.en}\n\n${JSON.stringify(n.payload, null, 2)}`,
      messageId: `<${n.id}@playbook-engine>`,
    });
  }

  close(): void {
    this.mail?.close();
  }
}

/** Exponential backoff for the next attempt; null when the message has used all its attempts. */
export function nextAttempt(attempts: number, now: Date, baseMs: number, maxAttempts: number): Date | null {
  if (attempts >= maxAttempts) return null;
  return new Date(now.getTime() + Math.min(baseMs * 2 ** (attempts - 1), 3_600_000));
}

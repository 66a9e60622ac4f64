import nodemailer from 'nodemailer';
import type { Logger } from '../pipeline/logger';
import { isLoopbackHost, redact, type AlertSettings, type SmtpAlertSettings } from './alert-settings';
import type { Alert } from './alert-text';

/** Neither channel may hold up the job: each gives up after this long. */
export const ALERT_TIMEOUT_MS = 10_000;

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function sendMail(smtp: SmtpAlertSettings, alert: Alert, timeoutMs: number): Promise<void> {
  // A relay on this machine usually offers STARTTLS with a self-signed certificate; anywhere else it is verified.
  const local = isLoopbackHost(new URL(smtp.url).hostname);
  const transport = nodemailer.createTransport({
    url: smtp.url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs,
    ...(local ? { tls: { rejectUnauthorized: false } } : {}),
  });
  try {
    await withinTime(transport.sendMail({ from: smtp.from, to: smtp.to, subject: alert.subject, text: alert.text }), timeoutMs);
  } finally {
    transport.close();
  }
}

/** The shape a Teams or Slack incoming webhook accepts. */
async function postWebhook(url: string, alert: Alert, timeoutMs: number): Promise<void> {
  const response = await withinTime(fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: `${alert.subject}\n\n${alert.text}` }),
    signal: AbortSignal.timeout(timeoutMs),
  }), timeoutMs);
  await response.body?.cancel();
  if (!response.ok) throw new Error(`the webhook answered HTTP ${response.status}`);
}

/**
 * Sends the alert on every configured channel at once. Never throws: a failure is logged
 * (with every secret redacted) and the job carries on with its own exit code.
 */
export async function sendAlert(alert: Alert, settings: AlertSettings, logger: Logger, timeoutMs = ALERT_TIMEOUT_MS): Promise<void> {
  const channels: [string, () => Promise<void>][] = [];
  if (settings.smtp) {
    const smtp = settings.smtp;
    channels.push(['email', () => sendMail(smtp, alert, timeoutMs)]);
  }
  if (settings.webhook) {
    const url = settings.webhook;
    channels.push(['webhook', () => postWebhook(url, alert, timeoutMs)]);
  }
  await Promise.all(channels.map(async ([channel, send]) => {
    try {
      await send();
      logger.info('alert sent', { channel, subject: alert.subject });
    } catch (error) {
      const reason = redact(error instanceof Error ? error.message : String(error), settings).split('\n')[0];
      logger.error('alert could not be sent', { channel, reason });
    }
  }));
}

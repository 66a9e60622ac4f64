import { createRequire } from 'node:module';
import type Nodemailer from 'nodemailer';
import type { Logger } from '../pipeline/logger';
import { isLoopbackHost, redact, type AlertSettings, type SmtpAlertSettings } from './alert-settings';
import type { Alert } from './alert-text';

/** Neither channel may hold up the job: each gives up after this long, all of its steps together. */
export const ALERT_TIMEOUT_MS = 10_000;

/**
 * Runs `work` with a signal that aborts it `ms` after the start, and settles by then whatever the
 * work does: the abort closes its connection, so nothing of the attempt outlives the bound.
 */
function withinTime<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`no answer within ${ms / 1000} s`);
      reject(error);
      controller.abort(error);
    }, ms);
  });
  const running = work(controller.signal);
  running.catch(() => {}); // settled by the deadline: its own late rejection is expected
  return Promise.race([running, deadline]).finally(() => clearTimeout(timer));
}

async function sendMail(smtp: SmtpAlertSettings, alert: Alert, timeoutMs: number): Promise<void> {
  // A relay on this machine usually offers STARTTLS with a self-signed certificate; anywhere else it is verified.
  const local = isLoopbackHost(new URL(smtp.url).hostname);
  const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof Nodemailer; // loaded only when an e-mail is sent
  const transport = nodemailer.createTransport({
    url: smtp.url,
    // Each step within the bound, the whole attempt aborted at it (withinTime), and a closed
    // connection dropped at once: nodemailer otherwise waits 5 s more for the server to close its side.
    connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs, socketCloseTimeout: 0,
    ...(local ? { tls: { rejectUnauthorized: false } } : {}),
  });
  try {
    await withinTime(timeoutMs, (signal) => transport.sendMail({ from: smtp.from, to: smtp.to, subject: alert.subject, text: alert.text, signal }));
  } finally {
    transport.close();
  }
}

/**
 * The shape a Teams or Slack incoming webhook accepts. A redirect is never followed: it would
 * post the alert (run IDs, file names) to wherever the answer points.
 */
async function postWebhook(url: string, alert: Alert, timeoutMs: number): Promise<void> {
  const response = await withinTime(timeoutMs, (signal) => fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: `${alert.subject}\n\n${alert.text}` }),
    redirect: 'manual',
    signal,
  }));
  await response.body?.cancel();
  if (response.status >= 300 && response.status < 400) {
    throw new Error(`the webhook answered HTTP ${response.status}: redirect not followed (alerts go only to PPOC_ALERT_WEBHOOK)`);
  }
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

import { fromEnv, UsageError, type Env } from '../settings/env';

/**
 * Where alerts go: e-mail through SMTP and/or a JSON POST to a Teams or Slack incoming webhook.
 * Both are optional; validated at start-up. Messages never echo a value: the SMTP URL may hold
 * a password and a webhook URL is itself a secret.
 */
export const ALERT_ENV = {
  smtpUrl: 'PPOC_SMTP_URL',
  to: 'PPOC_ALERT_TO',
  from: 'PPOC_ALERT_FROM',
  webhook: 'PPOC_ALERT_WEBHOOK',
} as const;

export interface SmtpAlertSettings {
  /** `smtp://host:25` or `smtps://user:password@host:465` (never printed). */
  url: string;
  to: string[];
  from: string;
}

export interface AlertSettings {
  smtp: SmtpAlertSettings | null;
  /** https URL of the incoming webhook (never printed). */
  webhook: string | null;
}

export const NO_ALERTS: AlertSettings = { smtp: null, webhook: null };

/** This machine: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

function value(env: Env, key: string): string | null {
  return fromEnv(env, key)?.value ?? null;
}

function parsedUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function addresses(env: Env, key: string): string[] {
  const list = (value(env, key) ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  if (list.length === 0) throw new UsageError(`${key} is needed with ${ALERT_ENV.smtpUrl}: the alert's e-mail address(es), comma-separated`);
  list.forEach((address, i) => {
    if (!ADDRESS.test(address)) throw new UsageError(`${key}: address ${i + 1} of ${list.length} is not an e-mail address`);
  });
  return list;
}

function smtpSettings(env: Env): SmtpAlertSettings | null {
  const url = value(env, ALERT_ENV.smtpUrl);
  if (url === null) {
    for (const key of [ALERT_ENV.to, ALERT_ENV.from]) {
      if (value(env, key) !== null) throw new UsageError(`${key} is set but ${ALERT_ENV.smtpUrl} is not: set both to send alerts by e-mail`);
    }
    return null;
  }
  const parsed = parsedUrl(url);
  if (!parsed || !['smtp:', 'smtps:'].includes(parsed.protocol) || parsed.hostname === '') {
    throw new UsageError(`${ALERT_ENV.smtpUrl} must look like smtp://host:25 or smtps://user:password@host:465 (value not shown)`);
  }
  const from = value(env, ALERT_ENV.from);
  if (from === null || !ADDRESS.test(from)) {
    throw new UsageError(`${ALERT_ENV.from} must be one e-mail address, the sender of alerts (needed with ${ALERT_ENV.smtpUrl})`);
  }
  return { url, to: addresses(env, ALERT_ENV.to), from };
}

function webhookSettings(env: Env): string | null {
  const url = value(env, ALERT_ENV.webhook);
  if (url === null) return null;
  const parsed = parsedUrl(url);
  // Plain HTTP only to this machine (a local relay, or the tests' loopback server): the URL is a secret.
  const secure = parsed?.protocol === 'https:' || (parsed?.protocol.replace(/:$/, '') === 'http' && isLoopbackHost(parsed.hostname));
  if (!secure) throw new UsageError(`${ALERT_ENV.webhook} must be an https:// URL of an incoming webhook (value not shown)`);
  return url;
}

export function resolveAlertSettings(env: Env): AlertSettings {
  return { smtp: smtpSettings(env), webhook: webhookSettings(env) };
}

/** Every secret an error message might echo: the SMTP URL, its password and user (raw and decoded), the webhook URL. */
export function secretsOf(settings: AlertSettings): string[] {
  const secrets: string[] = [];
  if (settings.smtp) {
    secrets.push(settings.smtp.url);
    const url = parsedUrl(settings.smtp.url);
    for (const part of [url?.password, url?.username]) {
      if (part) secrets.push(part, decodeURIComponent(part));
    }
  }
  if (settings.webhook) secrets.push(settings.webhook, parsedUrl(settings.webhook)?.pathname ?? '');
  return secrets.filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
}

/** `text` with every secret replaced by `***`. */
export function redact(text: string, settings: AlertSettings): string {
  return secretsOf(settings).reduce((out, secret) => out.split(secret).join('***'), text);
}

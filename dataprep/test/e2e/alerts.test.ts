import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readableMail, startAlertServers, type AlertServers } from '../helpers/alert-servers';
import { createServer } from 'node:net';
import { copyOfExample, query, runCli, tempDir } from '../helpers/cli';

const CANARY = /Zebedee|Quuxley|Wilhelmina|Snark/;

/** The example extract with canary names in the personal fields, and assessments.csv missing: the run fails. */
function failingExtract(): string {
  const dir = copyOfExample();
  const allocations = join(dir, 'allocations.csv');
  writeFileSync(allocations, readFileSync(allocations, 'utf8').replace('Child 100001', 'Zebedee Quuxley').replace('SW 04', 'Wilhelmina Snark'));
  rmSync(join(dir, 'assessments.csv'));
  return dir;
}

describe('e2e: alerts on a failed run (real SMTP and HTTP servers on loopback)', function () {
  this.timeout(120_000);
  let servers: AlertServers;
  let env: Record<string, string>;

  beforeEach(async () => {
    servers = await startAlertServers();
    const { user, pass } = servers.credentials;
    env = {
      PPOC_SMTP_URL: `smtp://${user}:${pass}@127.0.0.1:${servers.smtpPort}`,
      PPOC_ALERT_TO: 'mi-team@example.org, duty-analyst@example.org',
      PPOC_ALERT_FROM: 'ppoc-prep@example.org',
      PPOC_ALERT_WEBHOOK: `http://127.0.0.1:${servers.httpPort}/webhook/T0KEN-abc123`,
    };
  });
  afterEach(async () => servers.close());

  it('sends exactly one e-mail and one POST naming the failing file, the run ID and the as-at date, and no name', async () => {
    const db = join(tempDir('alert'), 'ppoc.sqlite');
    const result = await runCli(['run', '--source', failingExtract(), '--as-at', '2022-05-31', '--sqlite', db], env);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    const runId = /PPOC refresh (\S+) FAILED/.exec(result.stdout)?.[1] ?? '';
    assert.ok(runId, result.stdout);

    assert.equal(servers.mails.length, 1);
    const [mail] = servers.mails;
    const message = readableMail(mail.raw);
    assert.equal(mail.from, 'ppoc-prep@example.org');
    assert.equal(mail.secure, true, 'STARTTLS to the loopback relay (self-signed certificate accepted on this machine only)');
    assert.deepEqual(mail.to, ['mi-team@example.org', 'duty-analyst@example.org']);
    assert.match(message, /^Subject: PPOC refresh FAILED: assessments\.csv, run \S+, as at 2022-05-31/m);
    assert.equal(servers.posts.length, 1);
    const [post] = servers.posts;
    assert.equal(post.path, '/webhook/T0KEN-abc123');
    assert.equal(post.contentType, 'application/json');
    const { text } = JSON.parse(post.body) as { text: string };
    for (const body of [message, text]) {
      assert.ok(body.includes(runId), 'names the run ID');
      assert.match(body, /assessments\.csv: required file is missing/);
      assert.match(body, /as at 2022-05-31/);
      assert.match(body, /Data-quality issues: 1 error, 0 warnings \(file_rejected 1\)/);
    }
    for (const output of [mail.raw, message, text, result.stdout, result.stderr]) {
      assert.doesNotMatch(output, CANARY);
      assert.ok(!output.includes(servers.credentials.pass), 'never the SMTP password');
      assert.ok(!output.includes('T0KEN-abc123'), 'never the webhook URL');
    }
    assert.match(result.stderr, /alert sent channel=email/);
    assert.match(result.stderr, /alert sent channel=webhook/);
    const read = query<{ file_name: string }>(db, 'SELECT file_name FROM source_file WHERE run_id = ? ORDER BY file_name', runId);
    assert.deepEqual(read.map((f) => f.file_name), ['allocations.csv', 'episodes.csv', 'teams.csv'], 'the files read before the failure');
  });

  it('alerts when the run cannot reach its database (exit 4), before any run ID exists', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const conn = `Server=127.0.0.1,${port};Database=ppoc;User Id=ppoc_job;Password=Db-Pa55-never-shown;Connect Timeout=5`;
    const result = await runCli(['run', '--source', copyOfExample(), '--as-at', '2022-05-31', '--sqlserver', conn], env);
    assert.equal(result.code, 4, result.stderr);
    assert.equal(servers.posts.length, 1);
    const { text } = JSON.parse(servers.posts[0].body) as { text: string };
    assert.match(text, /^PPOC refresh FAILED: run stopped, as at 2022-05-31\n\nPPOC run stopped on .* before a run could be logged \(as at 2022-05-31, SQL Server\)\.\nReason: SQL Server: cannot connect to SQL Server 127\.0\.0\.1/);
    assert.equal(servers.mails.length, 1);
    for (const output of [text, servers.mails[0].raw, result.stdout, result.stderr]) assert.ok(!output.includes('Db-Pa55-never-shown'));
  });

  it('a successful run sends nothing; an alert that cannot be sent is logged, redacted, never fatal', async () => {
    const db = join(tempDir('alert-ok'), 'ppoc.sqlite');
    const ok = await runCli(['run', '--source', copyOfExample(), '--as-at', '2022-05-31', '--sqlite', db], env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual([servers.mails.length, servers.posts.length], [0, 0]);

    servers.credentials.pass = 'a-different-password';
    servers.webhookStatus = 500;
    const failed = await runCli(['run', '--source', failingExtract(), '--as-at', '2022-05-31', '--sqlite', db], env);
    assert.equal(failed.code, 1, 'the run\'s own exit code');
    assert.match(failed.stderr, /alert could not be sent channel=email reason=/);
    assert.match(failed.stderr, /alert could not be sent channel=webhook reason="the webhook answered HTTP 500"/);
    assert.ok(!failed.stderr.includes('Sm7p-Pa55word') && !failed.stdout.includes('Sm7p-Pa55word'), 'never the password');
    assert.equal(servers.mails.length, 0);
  });

  it('validates alert settings at start-up: one line, exit 2, never the value (the cases: test/alerts)', async () => {
    const result = await runCli(['run', '--source', copyOfExample(), '--as-at', '2022-05-31'], { PPOC_SMTP_URL: 'smtp://user:Hunter2secret@' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^ppoc-prep run: PPOC_SMTP_URL must look like smtp:\/\/host:25 .*\(value not shown\)\n$/);
    assert.doesNotMatch(result.stderr, /Hunter2secret/);
  });
});

/**
 * Issue 20: an alert never goes anywhere but its configured place, and its whole attempt ends
 * within the documented bound. Real servers on loopback: an HTTP server that redirects, and
 * smtp-server made to stall (never greeting, or answering every step slowly). The e-mail checks
 * assert what the server received and whether the job's own sockets are gone when sendAlert
 * returns, never how long anything took.
 */
import assert from 'node:assert/strict';
import diagnostics from 'node:diagnostics_channel';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { AlertSettings } from '../../src/alerts/alert-settings';
import { sendAlert } from '../../src/alerts/send-alert';
import { createLogger } from '../../src/pipeline/logger';

const ALERT = { subject: 'PPOC refresh FAILED', text: 'run 20220531T063000Z-abc123 failed' };

function lines(): { logger: ReturnType<typeof createLogger>; logged: string[] } {
  const logged: string[] = [];
  return { logger: createLogger('debug', (l) => logged.push(l)), logged };
}

/** The client sockets this process opens while `work` runs (Node's net.client.socket channel). */
async function clientSockets(work: () => Promise<void>): Promise<Socket[]> {
  const opened: Socket[] = [];
  const onSocket = (message: unknown) => opened.push((message as { socket: Socket }).socket);
  diagnostics.subscribe('net.client.socket', onSocket);
  try {
    await work();
  } finally {
    diagnostics.unsubscribe('net.client.socket', onSocket);
  }
  return opened;
}

interface StallingSmtp {
  port: number;
  mails: number;
  closed: Promise<void>;
  stop(): Promise<void>;
}

/** smtp-server with the given hooks; its accepted sockets are destroyed by stop(). */
async function smtpServer(hooks: Partial<SMTPServerOptions>): Promise<StallingSmtp> {
  const accepted: Socket[] = [];
  let onClosed = () => {};
  const state = { mails: 0, closed: new Promise<void>((resolve) => (onClosed = resolve)) };
  const server = new SMTPServer({
    authOptional: true, logger: false, disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        state.mails += 1;
        callback();
      });
    },
    onClose: () => onClosed(),
    ...hooks,
  });
  server.server.on('connection', (socket: Socket) => accepted.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    port: (server.server.address() as AddressInfo).port,
    stop: async () => {
      accepted.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

const mailTo = (port: number): AlertSettings => ({
  smtp: { url: `smtp://127.0.0.1:${port}`, to: ['mi-team@example.org'], from: 'ppoc@example.org' }, webhook: null,
});

describe('alerts: only the configured place, within the documented bound', () => {
  it('never follows a webhook redirect (301, 302, 307, 308): no POST reaches the target, the failure says so with the status', async () => {
    const posts: string[] = [];
    const http: Server = createServer((req, res) => {
      posts.push(req.url ?? '');
      req.resume();
      const status = Number(/^\/hook\/(\d+)$/.exec(req.url ?? '')?.[1] ?? 200);
      res.writeHead(status, status === 200 ? {} : { location: '/elsewhere' }).end();
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      for (const status of [301, 302, 307, 308]) {
        const { logger, logged } = lines();
        await sendAlert(ALERT, { smtp: null, webhook: `${base}/hook/${status}` }, logger);
        assert.match(logged.join('\n'), new RegExp(`ERROR alert could not be sent channel=webhook reason="the webhook answered HTTP ${status}: redirect not followed`));
      }
    } finally {
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
    assert.deepEqual(posts, ['/hook/301', '/hook/302', '/hook/307', '/hook/308'], 'nothing posted to the redirect target');
  });

  it('an SMTP server that never greets: the attempt is given up and its connection already closed when sendAlert returns', async function () {
    this.timeout(30_000);
    const server = await smtpServer({ onConnect: () => {} }); // never calls back: no greeting, ever
    server.closed.catch(() => {});
    const { logger, logged } = lines();
    try {
      const sockets = await clientSockets(() => sendAlert(ALERT, mailTo(server.port), logger, 1000));
      assert.equal(sockets.length, 1);
      assert.equal(sockets[0].destroyed, true, 'the connection is closed, not left waiting for the server to close its side');
    } finally {
      await server.stop();
    }
    assert.match(logged.join('\n'), /ERROR alert could not be sent channel=email reason=/);
  });

  it('an SMTP server answering every step slowly (each within the socket timeout): the whole attempt still stops at the bound', async function () {
    this.timeout(30_000);
    const slowly = (callback: () => void) => void setTimeout(callback, 800);
    const server = await smtpServer({
      onConnect: (_session, callback) => slowly(callback),
      onMailFrom: (_address, _session, callback) => slowly(callback),
      onRcptTo: (_address, _session, callback) => slowly(callback),
    });
    const { logger, logged } = lines();
    try {
      const sockets = await clientSockets(() => sendAlert(ALERT, mailTo(server.port), logger, 1000));
      assert.deepEqual(sockets.map((s) => s.destroyed), [true], 'nothing of the attempt outlives sendAlert');
      await server.closed; // the server sees the connection end
      assert.equal(server.mails, 0, 'the message was never delivered after the job had given up');
    } finally {
      await server.stop();
    }
    assert.match(logged.join('\n'), /ERROR alert could not be sent channel=email reason="no answer within 1 s"/);
  });
});

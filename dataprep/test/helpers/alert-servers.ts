import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server and a real HTTP server on loopback, recording what the job sends them:
 * the alerts tests' receiving end. Each listens on a port the system picks.
 */
export interface ReceivedMail {
  from: string | undefined;
  to: string[];
  raw: string;
  /** Whether the session had been upgraded with STARTTLS. */
  secure: boolean;
}

export interface AlertServers {
  mails: ReceivedMail[];
  posts: { path: string; contentType: string | undefined; body: string }[];
  smtpPort: number;
  httpPort: number;
  /** Auth the SMTP server accepts; others are refused (535). */
  credentials: { user: string; pass: string };
  /** The HTTP status the webhook answers with. */
  webhookStatus: number;
  close(): Promise<void>;
}

function listen(server: { listen: (port: number, host: string, cb: () => void) => unknown }, address: () => AddressInfo): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(address().port)));
}

export async function startAlertServers(): Promise<AlertServers> {
  const state = {
    mails: [] as ReceivedMail[], posts: [] as AlertServers['posts'], credentials: { user: 'ppoc-alerts', pass: 'Sm7p-Pa55word' },
    webhookStatus: 200,
  };
  const smtp = new SMTPServer({
    // smtp-server's defaults otherwise: STARTTLS offered with its built-in self-signed certificate.
    authOptional: true, logger: false,
    onAuth(auth, _session, callback) {
      const ok = auth.username === state.credentials.user && auth.password === state.credentials.pass;
      callback(ok ? null : new Error('Invalid username or password'), ok ? { user: auth.username } : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        state.mails.push({
          from: from === false ? undefined : from.address, to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'), secure: session.secure,
        });
        callback();
      });
    },
  });
  const http: Server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      state.posts.push({ path: req.url ?? '', contentType: req.headers['content-type'], body });
      res.writeHead(state.webhookStatus).end();
    });
  });
  const smtpPort = await listen(smtp, () => smtp.server.address() as AddressInfo);
  const httpPort = await listen(http, () => http.address() as AddressInfo);
  return Object.assign(state, {
    smtpPort, httpPort,
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  });
}

/** A received message as a reader sees it: headers unfolded, the quoted-printable body decoded. */
export function readableMail(raw: string): string {
  const [head, ...body] = raw.split('\r\n\r\n');
  const text = body.join('\r\n\r\n').replace(/=\r\n/g, '');
  const bytes = Buffer.from(text.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  return `${head.replace(/\r\n[ \t]+/g, ' ')}\n\n${bytes.toString('utf8')}`;
}

/**
 * The network steps of `doctor`, before the driver: the SQL Browser lookup of a named
 * instance without a port (UDP 1434, MS-SQLR CLNT_UCAST_INST), and a plain TCP connect to
 * host and port, so a failure names exactly which host, port and protocol is blocked.
 */
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';

export const SQL_BROWSER_PORT = 1434;

export class NetworkError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** Resolves when `host:port` accepts a TCP connection; rejects with the socket error code. */
export function tcpConnect(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const done = (error?: NetworkError) => {
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    socket.setTimeout(timeoutMs, () => done(new NetworkError(`no answer within ${timeoutMs / 1000} s`, 'ETIMEDOUT')));
    socket.once('connect', () => done());
    socket.once('error', (error: NodeJS.ErrnoException) => done(new NetworkError(error.message, error.code ?? 'ESOCKET')));
  });
}

/** `tcp;1433` in a SQL Browser answer (SVR_RESP: 0x05, length, `ServerName;…;tcp;PORT;;`). */
export function portFromBrowserAnswer(answer: Buffer): number | null {
  if (answer.length < 3 || answer[0] !== 0x05) return null;
  const text = answer.subarray(3).toString('latin1');
  const port = /(?:^|;)tcp;(\d{1,5})(?:;|$)/i.exec(text)?.[1];
  return port === undefined ? null : Number(port);
}

/**
 * Asks SQL Browser on `host` for the TCP port of `instance` (three tries, two seconds apart);
 * rejects when nothing answers (UDP 1434 blocked, or SQL Browser stopped).
 */
export function lookupInstancePort(host: string, instance: string, options: { browserPort?: number; tries?: number; waitMs?: number } = {}): Promise<number> {
  const { browserPort = SQL_BROWSER_PORT, tries = 3, waitMs = 2000 } = options;
  const request = Buffer.concat([Buffer.from([0x04]), Buffer.from(instance, 'latin1'), Buffer.from([0x00])]);
  return new Promise((resolve, reject) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: number | NetworkError) => {
      clearTimeout(timer);
      socket.close();
      if (result instanceof NetworkError) reject(result);
      else resolve(result);
    };
    const send = () => {
      if (sent === tries) return finish(new NetworkError(`no answer from SQL Browser after ${tries} tries`, 'ETIMEDOUT'));
      sent += 1;
      socket.send(request, browserPort, host, (error) => error && finish(new NetworkError(error.message, (error as NodeJS.ErrnoException).code ?? 'ESOCKET')));
      timer = setTimeout(send, waitMs);
    };
    socket.on('message', (answer) => {
      const port = portFromBrowserAnswer(answer);
      finish(port ?? new NetworkError(`SQL Browser does not list TCP for instance ${instance}`, 'ENOTCP'));
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish(new NetworkError(error.message, error.code ?? 'ESOCKET')));
    send();
  });
}

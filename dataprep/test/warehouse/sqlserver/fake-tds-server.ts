/**
 * A local stand-in for the first two steps of a SQL Server connection, for the TLS tests:
 * TDS 7.x (Encrypt=true): it answers the PRELOGIN with "encryption on", then runs a real
 * node:tls server handshake carried inside PRELOGIN packets, as SQL Server does.
 * TDS 8 (Encrypt=strict): a plain TLS handshake first, as SQL Server 2022 does.
 * It logs nobody in: once the client sends its first message over the finished handshake,
 * the connection is closed. `accepted` counts those first messages: a client only sends one
 * when it has verified the certificate (Node checks it after the handshake's last flight).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { createSecureContext, createServer as createTlsServer, TLSSocket } from 'node:tls';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PRELOGIN = 0x12;
const TABULAR_RESULT = 0x04;
const HERE = new URL('./tls/', import.meta.url);

export interface FakeTdsServer {
  port: number;
  accepted: number;
  close(): Promise<void>;
}

export type TestCertificate = 'server-localhost' | 'server-elsewhere' | 'server-sha1';

/**
 * Test certificates under tls/ (README there). `server-sha1` is signed with SHA-1, which Node's
 * default security level refuses even to serve: the stand-in lowers it for itself only.
 */
export function serverCredentials(name: TestCertificate): { key: Buffer; cert: Buffer; ciphers?: string } {
  const credentials = { key: readFileSync(new URL(`${name}.key`, HERE)), cert: readFileSync(new URL(`${name}.pem`, HERE)) };
  return name === 'server-sha1' ? { ...credentials, ciphers: 'DEFAULT@SECLEVEL=0' } : credentials;
}

export const TEST_CA_FILE = fileURLToPath(new URL('ca.pem', HERE));
export const OTHER_CA_FILE = fileURLToPath(new URL('other-ca.pem', HERE));
/** The CA that signed server-sha1 (with SHA-1). */
export const SHA1_CA_FILE = fileURLToPath(new URL('sha1-ca.pem', HERE));

function packet(type: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt8(type, 0);
  header.writeUInt8(0x01, 1); // end of message
  header.writeUInt16BE(payload.length + 8, 2);
  return Buffer.concat([header, payload]);
}

/** PRELOGIN response: VERSION 16.0 and ENCRYPTION = ON, or NOT_SUP (MS-TDS 2.2.6.5). */
function preloginResponse(encryption: 'on' | 'not supported' = 'on'): Buffer {
  const options = Buffer.from([0x00, 0, 11, 0, 6, 0x01, 0, 17, 0, 1, 0xff]);
  return Buffer.concat([options, Buffer.from([16, 0, 0, 0, 0, 0]), Buffer.from([encryption === 'on' ? 0x01 : 0x02])]);
}

const ucs2 = (text: string) => Buffer.from(text, 'utf16le');

/** An ERROR token (MS-TDS 2.2.7.10) then DONE with the error bit: what a refused login gets. */
function loginRefusal(number: number, message: string): Buffer {
  const body = Buffer.concat([
    Buffer.from(new Uint32Array([number]).buffer), Buffer.from([1, 20]), // number, state, class
    Buffer.from(new Uint16Array([message.length]).buffer), ucs2(message),
    Buffer.from([4]), ucs2('fake'), Buffer.from([0]), Buffer.from(new Uint32Array([1]).buffer), // server, procedure, line
  ]);
  const error = Buffer.concat([Buffer.from([0xaa]), Buffer.from(new Uint16Array([body.length]).buffer), body]);
  const done = Buffer.from([0xfd, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  return Buffer.concat([error, done]);
}

/**
 * Answers every login with server error `number` (e.g. 40613, Azure SQL's "database not
 * currently available"), unencrypted; `logins` counts the attempts. For the retry tests.
 */
export async function startLoginRefusingServer(number: number): Promise<{ port: number; logins: number; close(): Promise<void> }> {
  const state = { logins: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    readMessages(socket, (type) => {
      if (type === PRELOGIN) socket.write(packet(TABULAR_RESULT, preloginResponse('not supported')));
      if (type === 0x10) { // LOGIN7
        state.logins += 1;
        socket.write(packet(TABULAR_RESULT, loginRefusal(number, "Database 'PPOC' on server 'fake' is not currently available. Please retry the connection later.")));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    get logins() {
      return state.logins;
    },
    close: () => new Promise<void>((resolve) => {
      sockets.forEach((s) => s.destroy());
      server.close(() => resolve());
    }),
  };
}

/** Calls `onMessage(type, payload)` for each whole TDS message (packets joined up to end-of-message). */
function readMessages(socket: Socket, onMessage: (type: number, payload: Buffer) => void): void {
  let inbound = Buffer.alloc(0);
  let parts: Buffer[] = [];
  socket.on('error', () => undefined);
  socket.on('data', (bytes: Buffer) => {
    inbound = Buffer.concat([inbound, bytes]);
    while (inbound.length >= 8 && inbound.length >= inbound.readUInt16BE(2)) {
      const [type, status, length] = [inbound[0], inbound[1], inbound.readUInt16BE(2)];
      parts.push(inbound.subarray(8, length));
      inbound = inbound.subarray(length);
      if (status & 0x01) {
        onMessage(type, Buffer.concat(parts));
        parts = [];
      }
    }
  });
}

/** Two streams wired back to back: what one writes, the other reads. */
function duplexPair(): [Duplex, Duplex] {
  const make = (): Duplex & { peer?: Duplex } => {
    const side: Duplex & { peer?: Duplex } = new Duplex({
      read() {},
      write(chunk, _encoding, done) {
        side.peer?.push(chunk);
        done();
      },
    });
    return side;
  };
  const a = make();
  const b = make();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

/**
 * Cuts the server's TLS output into flights (one TDS message each): the first flight ends with
 * ServerHelloDone, the second with the encrypted Finished record that follows ChangeCipherSpec.
 */
class FlightCutter {
  private pending = Buffer.alloc(0);
  private flight: Buffer[] = [];
  private sawChangeCipherSpec = false;

  constructor(private readonly send: (flight: Buffer) => void) {}

  push(bytes: Buffer): void {
    this.pending = Buffer.concat([this.pending, bytes]);
    while (this.pending.length >= 5 && this.pending.length >= 5 + this.pending.readUInt16BE(3)) {
      const length = 5 + this.pending.readUInt16BE(3);
      const record = this.pending.subarray(0, length);
      this.pending = this.pending.subarray(length);
      this.flight.push(record);
      if (this.endsFlight(record)) {
        this.send(Buffer.concat(this.flight));
        this.flight = [];
      }
    }
  }

  private endsFlight(record: Buffer): boolean {
    const type = record[0];
    if (type === 20) this.sawChangeCipherSpec = true;
    if (type === 21) return true; // alert
    if (type !== 22) return false;
    if (this.sawChangeCipherSpec) return true; // the encrypted Finished
    for (let at = 5; at + 4 <= record.length; at += 4 + record.readUIntBE(at + 1, 3)) {
      if (record[at] === 14) return true; // ServerHelloDone
    }
    return false;
  }
}

/** TDS 7.x: PRELOGIN, then the handshake inside PRELOGIN packets, then the client's TLS records. */
function serveTds7(socket: Socket, credentials: { key: Buffer; cert: Buffer; ciphers?: string }, accepted: () => void): void {
  let tlsSide: Duplex | null = null;
  let secure = false;
  // First listener, so it sees the state before this chunk is processed: an application-data
  // record (0x17) after the handshake is the client's login over TLS, nothing more to prove.
  socket.on('data', (bytes: Buffer) => {
    if (!secure) return;
    if (bytes[0] === 0x17) accepted();
    socket.destroy();
  });
  readMessages(socket, (_type, payload) => {
    if (tlsSide) return void tlsSide.write(payload);
    socket.write(packet(TABULAR_RESULT, preloginResponse()));
    const [serverSide, wireSide] = duplexPair();
    tlsSide = wireSide;
    const cutter = new FlightCutter((flight) => socket.write(packet(PRELOGIN, flight)));
    wireSide.on('data', (chunk: Buffer) => cutter.push(chunk));
    const tls = new TLSSocket(serverSide, { isServer: true, secureContext: createSecureContext(credentials) });
    tls.on('secure', () => (secure = true));
    tls.on('error', () => socket.destroy());
  });
}

export async function startFakeTdsServer(options: { strict?: boolean; certificate: TestCertificate }): Promise<FakeTdsServer> {
  const credentials = serverCredentials(options.certificate);
  const sockets = new Set<Socket>();
  const state = { accepted: 0 };
  let server: Server;
  if (options.strict) {
    server = createTlsServer({ ...credentials, ALPNProtocols: ['tds/8.0'] }, (socket) => {
      socket.on('error', () => undefined);
      socket.once('data', () => {
        state.accepted += 1;
        socket.destroy();
      });
    });
    server.on('tlsClientError', () => undefined);
  } else {
    server = createServer((socket) => serveTds7(socket, credentials, () => (state.accepted += 1)));
  }
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    get accepted() {
      return state.accepted;
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

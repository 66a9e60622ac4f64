#!/usr/bin/env node
// npm run test:sqlserver: starts SQL Server 2022 in Docker (sql/compose.yaml) with a TLS
// certificate signed by a CA made for this run, runs the integration suite against it with
// the certificate verified (PPOC_SQLSERVER_CA_FILE, no TrustServerCertificate), then removes
// the container. Needs Docker with the compose plugin, openssl, and PPOC_MSSQL_IMAGE set to
// Microsoft's SQL Server 2022 image (docs/sqlserver.md). Exit code: the suite's, or 2 when a
// prerequisite is missing.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const tls = join(repo, '.tmp', 'sqlserver-tls');
const port = process.env.PPOC_MSSQL_PORT ?? '14330';

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: repo, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function need(ok, message) {
  if (!ok) {
    console.error(`test:sqlserver: ${message}`);
    process.exit(2);
  }
}

need(process.env.PPOC_MSSQL_IMAGE, "set PPOC_MSSQL_IMAGE to Microsoft's SQL Server 2022 image (see docs/sqlserver.md, \"Running the integration suite\")");
need(spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0, 'needs Docker with the compose plugin (docker compose version failed)');
need(spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0, 'needs openssl to make the test certificate');

// A CA and a server certificate for localhost, for this run only.
rmSync(tls, { recursive: true, force: true });
mkdirSync(tls, { recursive: true });
const openssl = (...args) => need(run('openssl', args, { cwd: tls, stdio: ['ignore', 'ignore', 'inherit'] }) === 0, `openssl ${args[0]} failed`);
openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=PPOC test run CA',
  '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
writeFileSync(join(tls, 'server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext');
chmodSync(join(tls, 'server.key'), 0o644); // read by the container's mssql user; a throwaway key for a throwaway server
writeFileSync(join(tls, 'mssql.conf'), '[network]\ntlscert = /etc/ssl/certs/mssql.pem\ntlskey = /etc/ssl/private/mssql.key\ntlsprotocols = 1.2\nforceencryption = 0\n');

const password = `Ppoc-${randomBytes(12).toString('base64url')}-1a`;
const env = { ...process.env, MSSQL_SA_PASSWORD: password, PPOC_MSSQL_TLS_DIR: tls, PPOC_MSSQL_PORT: port };
const compose = (...args) => run('docker', ['compose', '-f', join('sql', 'compose.yaml'), ...args], { env });

let status = 2;
try {
  if (compose('up', '-d', '--wait') !== 0) throw new Error('SQL Server did not start (docker compose up --wait failed; see the output above)');
  status = run(process.execPath, [
    join('node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--node-option', 'import=tsx', '--extension', 'ts', '--timeout', '180000',
    join('dataprep', 'test', 'warehouse', 'sqlserver', 'integration.test.ts'),
  ], {
    env: {
      ...process.env,
      PPOC_TEST_SQLSERVER: `Server=localhost,${port};Database=master;User Id=sa;Password={${password}}`,
      PPOC_SQLSERVER_CA_FILE: join(tls, 'ca.pem'),
      PPOC_TEST_SQLSERVER_CA_FILE: join(tls, 'ca.pem'),
    },
  });
} catch (error) {
  console.error(`test:sqlserver: ${error.message}`);
} finally {
  compose('down', '--volumes');
  rmSync(tls, { recursive: true, force: true });
}
process.exit(status);

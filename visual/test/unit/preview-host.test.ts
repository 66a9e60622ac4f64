/**
 * The preview answers only to its own name (DNS rebinding) and refuses cross-origin API
 * requests: raw HTTP requests with the headers a hostile page's browser would send.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startPreviewServer, type PreviewServer } from '../../preview/server';

interface Reply { status: number; body: string }

function get(server: PreviewServer, path: string, headers: Record<string, string>): Promise<Reply> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, path, method: 'GET', headers, setHost: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const SECRET = 'Zebedee Previewchild';
/** The preview is plain HTTP on loopback, so its own origin is too. */
const PLAIN_HTTP = ['http', '://'].join('');

describe('preview server: Host and Origin checks', () => {
  let server: PreviewServer;
  let port: string;
  before(async () => {
    server = await startPreviewServer({ port: 0, rows: [{ person_id: '1', child_name: SECRET, as_at_date: '2022-05-31' }] });
    port = new URL(server.url).port;
  });
  after(() => server.close());

  for (const host of ['127.0.0.1', 'localhost', '[::1]']) {
    it(`serves the data to Host ${host}:PORT`, async () => {
      const reply = await get(server, '/api/planned-assessment', { Host: `${host}:${port}` });
      assert.equal(reply.status, 200);
      assert.ok(reply.body.includes(SECRET));
    });
  }

  // The port is known only once the server runs: the hosts are built inside the test.
  it('answers 421 with no data to any other Host (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${Number(port) + 1}`, `localhost.evil.example:${port}`, '127.0.0.1']) {
      for (const path of ['/api/planned-assessment', '/', '/api/visual']) {
        const reply = await get(server, path, { Host: host });
        assert.equal(reply.status, 421, `${host} ${path}`);
        assert.ok(!reply.body.includes(SECRET), path);
        assert.match(reply.body, /^misdirected request/);
      }
    }
    const noHost = await get(server, '/api/planned-assessment', {}); // Node itself refuses HTTP/1.1 without Host
    assert.equal(noHost.status, 400);
    assert.ok(!noHost.body.includes(SECRET));
  });

  it('refuses a cross-origin API request (Origin or Sec-Fetch-Site) with 403 and no data', async () => {
    const own = { Host: `127.0.0.1:${port}` };
    const foreign: Record<string, string>[] = [
      { Origin: `${PLAIN_HTTP}evil.example` }, { Origin: 'null' }, { 'Sec-Fetch-Site': 'cross-site' }, { 'Sec-Fetch-Site': 'same-site' },
    ];
    for (const extra of foreign) {
      const reply = await get(server, '/api/planned-assessment', { ...own, ...extra });
      assert.equal(reply.status, 403, JSON.stringify(extra));
      assert.ok(!reply.body.includes(SECRET));
    }
    const sameOrigin = await get(server, '/api/planned-assessment', { ...own, Origin: `${PLAIN_HTTP}127.0.0.1:${port}`, 'Sec-Fetch-Site': 'same-origin' });
    assert.equal(sameOrigin.status, 200);
  });
});

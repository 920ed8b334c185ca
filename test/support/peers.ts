import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A real HTTP receiver on loopback that fails the first `failFirst` requests with 500. */
export async function webhookReceiver(failFirst = 0) {
  const received: { headers: IncomingHttpHeaders; body: string; status: number }[] = [];
  let failures = failFirst;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const status = failures > 0 ? 500 : 200;
      if (failures > 0) failures--;
      received.push({ headers: req.headers, body, status });
      res.statusCode = status;
      res.end(status === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    /** Checks the X-Signature header the way a receiver would. */
    verify: (r: { headers: IncomingHttpHeaders; body: string }, secret: string) =>
      r.headers['x-signature'] === `sha256=${createHmac('sha256', secret).update(`${r.headers['x-timestamp']}.${r.body}`).digest('hex')}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A real SMTP server on loopback (smtp-server) that keeps every message it accepts. */
export async function smtpReceiver() {
  const messages: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((a) => a.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise<void>((r) => server.close(() => r())) };
}

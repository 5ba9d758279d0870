/**
 * A loopback SMTP server (the `smtp-server` package) that takes mail only with the one user and
 * password it was started with, and records each message's envelope, subject and text.
 * `mail(n)` resolves when the n-th message has been received.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  raw: string;
}

export interface FakeSmtp {
  host: string;
  port: number;
  mails: ReceivedMail[];
  /** Logins refused (wrong user or password). */
  refusedLogins: number;
  mail(n: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const match = new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return match ? match[1]!.replace(/\r?\n[ \t]/g, ' ').trim() : '';
}

/** The body of a plain-text message, quoted-printable soft breaks undone. */
function body(raw: string): string {
  const parts = raw.split(/\r?\n\r?\n/);
  const text = parts.slice(1).join('\n\n');
  const qp = /quoted-printable/i.test(header(raw, 'Content-Transfer-Encoding'));
  return qp ? text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

export async function startFakeSmtp(login: { user: string; password: string }): Promise<FakeSmtp> {
  const waiters: Array<{ n: number; resolve: (mail: ReceivedMail) => void }> = [];
  const fake: FakeSmtp = {
    host: '127.0.0.1',
    port: 0,
    mails: [],
    refusedLogins: 0,
    mail(n) {
      const found = fake.mails[n - 1];
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === login.user && auth.password === login.password) return callback(null, { user: auth.username });
      fake.refusedLogins += 1;
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((to) => to.address),
          subject: header(raw, 'Subject'),
          text: body(raw),
          raw,
        };
        fake.mails.push(mail);
        callback();
        for (const waiter of waiters.filter((w) => w.n === fake.mails.length)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(mail);
        }
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.port = (server.server.address() as AddressInfo).port;
  return fake;
}

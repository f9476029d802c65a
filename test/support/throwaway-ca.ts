// A throwaway certificate authority made with the openssl CLI in a folder: a CA, certificates it signs
// for a TLS server (its SANs) and for clients (CN = the user name, as Kubernetes reads x509 users).
// @kubernetes/client-node 1.4 speaks only TLS to a server unless told to skip verification, so the test
// API server needs one, as a real cluster has.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface IssuedCert {
  certFile: string;
  keyFile: string;
}

export interface ThrowawayCa {
  caFile: string;
  /** A server certificate for these subject alternative names (`IP:127.0.0.1`, `DNS:localhost`). */
  issueServerCert(name: string, altNames: string[]): IssuedCert;
  /** A client certificate whose subject CN is `user` (and O each of `groups`), written to `outDir`. */
  issueClientCert(user: string, groups?: string[], outDir?: string): IssuedCert;
}

const openssl = (dir: string, args: string[]) =>
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

// P-256 keys: as good as RSA here and generated in milliseconds.
const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A subject component may not hold the characters openssl's -subj syntax gives meaning to. */
function subjectPart(value: string, what: string): string {
  if (value === '' || /[/\\=+,\n]/.test(value))
    throw new Error(
      `${what} ${JSON.stringify(value)} cannot go in a certificate subject (/ \\ = + , or empty)`,
    );
  return value;
}

export function makeThrowawayCa(dir: string): ThrowawayCa {
  const caFile = join(dir, 'ca.crt');
  const caKey = join(dir, 'ca.key');
  openssl(dir, [
    'req',
    '-x509',
    ...newKey,
    '-keyout',
    caKey,
    '-out',
    caFile,
    '-days',
    '2',
    '-subj',
    '/CN=throwaway-kube-ca',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  let serial = 0x1000;

  const issue = (base: string, subject: string, extensions: string[], outDir = dir): IssuedCert => {
    const keyFile = join(outDir, `${base}.key`);
    const certFile = join(outDir, `${base}.crt`);
    const csr = join(outDir, `${base}.csr`);
    const ext = join(outDir, `${base}.ext`);
    writeFileSync(ext, `${extensions.join('\n')}\n`);
    openssl(dir, ['req', ...newKey, '-keyout', keyFile, '-out', csr, '-subj', subject]);
    openssl(dir, [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      caFile,
      '-CAkey',
      caKey,
      '-set_serial',
      String((serial += 1)),
      '-days',
      '2',
      '-out',
      certFile,
      '-extfile',
      ext,
    ]);
    return { certFile, keyFile };
  };

  let clients = 0;
  return {
    caFile,
    issueServerCert: (name, altNames) =>
      issue(`server-${subjectPart(name, 'server name')}`, `/CN=${name}`, [
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=serverAuth',
        `subjectAltName=${altNames.join(',')}`,
      ]),
    issueClientCert: (user, groups = [], outDir = dir) =>
      issue(
        `client-${(clients += 1)}`,
        `${groups.map((g) => `/O=${subjectPart(g, 'group')}`).join('')}/CN=${subjectPart(user, 'user')}`,
        [
          'basicConstraints=CA:FALSE',
          'keyUsage=critical,digitalSignature,keyEncipherment',
          'extendedKeyUsage=clientAuth',
        ],
        outDir,
      ),
  };
}

export interface LoopbackCa {
  ca: ThrowawayCa;
  /** A server certificate valid for https://127.0.0.1 and https://localhost. */
  serverCert: IssuedCert;
}

export function makeLoopbackCa(dir: string): LoopbackCa {
  const ca = makeThrowawayCa(dir);
  return { ca, serverCert: ca.issueServerCert('kube-apiserver', ['IP:127.0.0.1', 'DNS:localhost']) };
}

let shared: LoopbackCa | undefined;

/**
 * One loopback CA for the whole test process: making one costs a few openssl runs, too slow to repeat
 * for every test's server. Its folder is removed when the process exits.
 */
export function sharedLoopbackCa(): LoopbackCa {
  if (shared) return shared;
  const dir = mkdtempSync(join(tmpdir(), 'throwaway-ca-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  shared = makeLoopbackCa(dir);
  return shared;
}

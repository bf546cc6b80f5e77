/**
 * Key material for a test Kubernetes API server, made with openssl: the service-account signing key pair,
 * a client CA the server trusts, and a client certificate in the group system:masters for programs with no
 * token flag (prometheus-operator). The server's own serving certificate is self-signed by kube-apiserver.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const openssl = (dir: string, args: string[]) => run('openssl', args, { cwd: dir });
// P-256 keys: generated in milliseconds, accepted by kube-apiserver for signing and for client certificates.
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export interface KubeCerts {
  serviceAccountKey: string;
  serviceAccountPub: string;
  clientCa: string;
  /** Client certificate and key of CN=burnrate-test, O=system:masters. */
  adminCert: string;
  adminKey: string;
}

export async function makeKubeCerts(dir: string): Promise<KubeCerts> {
  const file = (name: string) => path.join(dir, name);
  await openssl(dir, ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'sa.key']);
  await openssl(dir, ['ec', '-in', 'sa.key', '-pubout', '-out', 'sa.pub']);
  await openssl(dir, ['req', '-x509', ...EC_KEY, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=burnrate-test-client-ca']);
  await openssl(dir, ['req', '-new', ...EC_KEY, '-keyout', 'admin.key', '-out', 'admin.csr', '-subj', '/O=system:masters/CN=burnrate-test']);
  await writeFile(file('client.ext'), 'extendedKeyUsage = clientAuth\n');
  await openssl(dir, ['x509', '-req', '-in', 'admin.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1', '-extfile', 'client.ext', '-out', 'admin.crt']);
  return {
    serviceAccountKey: file('sa.key'),
    serviceAccountPub: file('sa.pub'),
    clientCa: file('ca.crt'),
    adminCert: file('admin.crt'),
    adminKey: file('admin.key'),
  };
}

import { readFileSync } from 'node:fs';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
}

/** The given key and certificate files, or a self-signed certificate for localhost made now. */
export async function tlsMaterial(files: { readonly keyFile?: string; readonly certFile?: string }): Promise<TlsMaterial> {
  if (files.keyFile !== undefined && files.certFile !== undefined) {
    return { key: readFileSync(files.keyFile, 'utf8'), cert: readFileSync(files.certFile, 'utf8') };
  }
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec', // P-256: made in milliseconds, where RSA keys take seconds
    notAfterDate: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

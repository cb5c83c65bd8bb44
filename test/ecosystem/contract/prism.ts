import { startPrism } from '../support/prism.js';
import { stopTool } from '../support/tool-run.js';

export interface PrismProxy {
  readonly url: string;
  stop(): Promise<void>;
}

export interface PrismOptions {
  /** The OpenAPI document Prism checks requests and responses against. */
  readonly document: string;
  /** The server's HTTPS base URL. */
  readonly upstream: string;
  /** PEM file with the server's certificate: Prism verifies TLS and trusts only what it is told to. */
  readonly caFile: string;
}

/**
 * `prism proxy --errors` on a free loopback port in front of `upstream`: a response that breaks the document
 * becomes a 500 problem+json whose `sl-violations` header lists each violation.
 */
export async function startPrismProxy(options: PrismOptions): Promise<PrismProxy> {
  // TLS is checked, whatever the environment running the tests says.
  const env = { NODE_EXTRA_CA_CERTS: options.caFile, NODE_TLS_REJECT_UNAUTHORIZED: undefined };
  const { url, tool } = await startPrism(['proxy', '--errors', options.document, options.upstream], undefined, { env });
  return { url, stop: () => stopTool(tool) };
}

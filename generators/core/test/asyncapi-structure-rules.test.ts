import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromFile, Parser } from '@asyncapi/parser';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { precompiledStructureRules } from '../dist/asyncapi-structure-rules.js';

// The built module: its validators are compiled into dist/ by the build.
const SPEC = new URL('../../../spec/', import.meta.url);

/** Edits of the real AsyncAPI document that break its structure, each in a way one of the two rules reports. */
const BREAKAGES: Record<string, (doc: ReturnType<typeof parseDocument>) => void> = {
  'valid document': () => {},
  'operation without action': (doc) => doc.deleteIn(['operations', 'receiveFeedDataAck', 'action']),
  'action outside its enum': (doc) => doc.setIn(['operations', 'publishFeedData', 'action'], 'publish'),
  'unknown property in info': (doc) => doc.setIn(['info', 'owner'], 'platform team'),
  'channel address of the wrong type': (doc) => doc.setIn(['channels', 'feedData', 'address'], 42),
  'server without host': (doc) => doc.deleteIn(['servers', 'production', 'host']),
  'a $ref where none may stand': (doc) => doc.setIn(['info', 'license'], { $ref: '#/components/messages/feedData' }),
  'message that is not an object': (doc) => doc.setIn(['components', 'messages', 'feedData'], 'feed data'),
  'missing info': (doc) => doc.delete('info'),
  "an AsyncAPI 2 document (checked by the parser's own rule)": (doc) => doc.set('asyncapi', '2.6.0'),
  'several faults at once': (doc) => {
    doc.deleteIn(['operations', 'receiveFeedDataAck', 'action']);
    doc.setIn(['info', 'owner'], 'platform team');
    doc.setIn(['servers', 'reference', 'protocol'], 7);
  },
};

async function findings(path: string, parser: Parser): Promise<unknown[]> {
  const { diagnostics } = await fromFile(parser, path).parse();
  return diagnostics.map(({ code, message, path: at, severity }) => ({ code, message, path: at, severity }));
}

describe('precompiled AsyncAPI structure rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iotv1-asyncapi-rules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(SPEC, dir, { recursive: true });
  const original = readFileSync(join(dir, 'asyncapi.yaml'), 'utf8');
  // One parser of each kind for every case, as a process reuses its parser: building one costs most of a second.
  const parser = new Parser();
  const precompiled = new Parser({ ruleset: { rules: precompiledStructureRules() as never } });

  it.each(Object.entries(BREAKAGES))('report what the parser reports: %s', async (name, breakIt) => {
    const doc = parseDocument(original);
    breakIt(doc);
    const path = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(path, doc.toString());
    const fromParser = await findings(path, parser);
    const fromPrecompiled = await findings(path, precompiled);
    expect(fromPrecompiled).toEqual(fromParser);
    if (name !== 'valid document') expect(fromParser.some((d) => (d as { code: string }).code.startsWith('asyncapi-document-'))).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePointer } from '@iotv1/generator-kit';
import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

/**
 * Line numbers for findings, so that text output and GitHub annotations point at the line. A pointer is placed
 * at the deepest node of its path that exists in the current file (something removed points at its parent).
 */
export class SpecLines {
  private readonly parsed = new Map<string, { document: ReturnType<typeof parseDocument>; lines: LineCounter } | undefined>();

  constructor(private readonly specDir: string) {}

  lineOf(file: string, pointer: string): number | undefined {
    const source = this.load(file);
    if (source === undefined) return undefined;
    let node: unknown = source.document.contents;
    let offset = isNode(node) ? node.range?.[0] : undefined;
    for (const segment of decodePointer(pointer)) {
      const next = isMap(node)
        ? node.items.find((pair) => isPair(pair) && isScalar(pair.key) && String(pair.key.value) === segment)
        : isSeq(node)
          ? node.items[Number(segment)]
          : undefined;
      if (next === undefined) break;
      if (isPair(next)) {
        offset = isNode(next.key) ? next.key.range?.[0] : offset;
        node = next.value;
      } else {
        node = next;
        offset = isNode(next) ? next.range?.[0] : offset;
      }
    }
    return offset === undefined ? undefined : source.lines.linePos(offset).line;
  }

  private load(file: string) {
    if (!this.parsed.has(file)) {
      try {
        const lines = new LineCounter();
        this.parsed.set(file, { document: parseDocument(readFileSync(join(this.specDir, file), 'utf8'), { lineCounter: lines }), lines });
      } catch {
        this.parsed.set(file, undefined);
      }
    }
    return this.parsed.get(file);
  }
}

import type { Diagnostic, EnumValue } from '@iotv1/generator-kit';
import { appendPointer, getAtPointer, isRecord } from '@iotv1/generator-kit';
import type { SourceFile } from './source.js';
import { at, type SpecFiles } from './spec-files.js';

/**
 * The values of a string enumeration written as `oneOf`/`anyOf` of `{ const, description }` (and `$ref`s to
 * other such schemas), so each value carries its meaning. A plain `enum` has no place for one and is refused.
 */
export function readEnumValues(files: SpecFiles, file: SourceFile, pointer: string): { values: EnumValue[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const values: EnumValue[] = [];
  const visit = (value: unknown, from: SourceFile, at_: string, depth: number): void => {
    const node = files.follow(value, from, at_);
    const branches = isRecord(node.value) ? (node.value.oneOf ?? node.value.anyOf) : undefined;
    if (depth < 8 && Array.isArray(branches)) {
      const key = isRecord(node.value) && node.value.oneOf !== undefined ? 'oneOf' : 'anyOf';
      for (const [i, branch] of branches.entries()) visit(branch, node.file, appendPointer(node.pointer, key, i), depth + 1);
      return;
    }
    if (isRecord(node.value) && typeof node.value.const === 'string' && typeof node.value.description === 'string') {
      values.push({ value: node.value.const, description: node.value.description });
      return;
    }
    diagnostics.push(
      at(
        node.file,
        node.pointer,
        'Each status value must be written as { "const": "<value>", "description": "<what it means>" } inside "oneOf" or "anyOf".',
        'schema/status-values',
      ),
    );
  };
  visit(getAtPointer(file.data, pointer), file, pointer, 0);
  return { values, diagnostics };
}

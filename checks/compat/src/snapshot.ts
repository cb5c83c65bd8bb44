import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContract } from '@iotv1/generator-core';
import { ContractError, type ContractModel, type Diagnostic, getAtPointer, SPEC_LAYOUT } from '@iotv1/generator-kit';
import { parse } from 'yaml';
import { type RegistryEntry, registryEntriesOf } from './registry-entries.js';

/**
 * One side of the comparison. The registry and the OpenAPI document are read as written, so that a base which
 * today's checks refuse (written for an older toolchain) still has a registry to compare; the Contract Model is
 * there when the spec passes them.
 */
export interface SpecSnapshot {
  readonly specDir: string;
  /** `info.version` of openapi.yaml as written. */
  readonly version: string | undefined;
  /** openapi.yaml as written: parameter places and `x-accepted-breaking-changes`. */
  readonly openapi: unknown;
  readonly registry: readonly RegistryEntry[];
  readonly model: ContractModel | undefined;
  /** Why there is no model. */
  readonly problems: readonly Diagnostic[];
}

/** A spec that passes every check of generators/core: the only kind the current side may be. */
export interface LoadedSpec extends SpecSnapshot {
  readonly model: ContractModel;
}

export async function loadSnapshot(specDir: string): Promise<SpecSnapshot> {
  const openapi = readData(join(specDir, SPEC_LAYOUT.openapi), parse);
  const version = getAtPointer(openapi, '/info/version');
  const registry = registryEntriesOf(readData(join(specDir, SPEC_LAYOUT.registry), JSON.parse));
  const raw = { specDir, version: typeof version === 'string' ? version : undefined, openapi, registry };
  try {
    return { ...raw, model: await loadContract(specDir), problems: [] };
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    return { ...raw, model: undefined, problems: error.diagnostics };
  }
}

export function isLoaded(snapshot: SpecSnapshot): snapshot is LoadedSpec {
  return snapshot.model !== undefined;
}

/** A file's data, or `undefined` when it is missing or unparsable (loadContract says why). */
function readData(path: string, parseText: (text: string) => unknown): unknown {
  try {
    return parseText(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

export { type CheckOptions, check } from './check.js';
export { type CompatReport, compareSpecs } from './compare.js';
export type { Acceptance, Finding, ReportedFinding, Severity } from './finding.js';
export { type RegistryEntry, registryEntriesOf } from './registry-entries.js';
export { compareRegistry, type Versions } from './registry-rules.js';
export { type Place, SchemaGraph, type SchemaNode } from './schema-graph.js';
export { type Direction, SchemaComparison } from './schema-rules.js';
export { isLoaded, type LoadedSpec, loadSnapshot, type SpecSnapshot } from './snapshot.js';

export { loadContract } from './contract.js';
export { ContractError, formatDiagnostic, type Diagnostic } from './diagnostic.js';
export { canonicalJson, sha256 } from './hash.js';
export * from './model.js';
export { SPEC_LAYOUT } from './spec-files.js';
export * as escape from './escape.js';
export { bannerLines, type GeneratedFile, type Generator } from './generator.js';

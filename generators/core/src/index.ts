export { loadContract, withContract } from './contract.js';
export { ContractError, type Diagnostic, formatDiagnostic } from './diagnostic.js';
export { cCommentText, cString, docCommentText, markdownCell, tsString } from './escape.js';
export { bannerLines, type GeneratedFile, type Generator, generatorIdentity, jsonFile } from './generator.js';
export { canonicalJson, sha256 } from './hash.js';
export * from './model.js';
export { appendPointer, decodePointer, getAtPointer, isRecord } from './pointer.js';
export { SPEC_LAYOUT } from './spec-files.js';

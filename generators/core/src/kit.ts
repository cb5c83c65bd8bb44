/**
 * What generators need from the core: the Contract Model's types and the helpers to write files from it. Kept apart
 * from the spec loader (index.ts), so a generator does not load YAML and JSON parsers, Ajv or the AsyncAPI parser.
 */
export { ContractError, type Diagnostic } from './diagnostic.js';
export { cCommentText, cString, docCommentText, markdownCell, tsString } from './escape.js';
export { banner, type ContractStamp, contractModule, contractStamp, type GeneratedFile, type Generator, generatorIdentity, jsonFile } from './generator.js';
export { generatorFiles } from './generator-files.js';
export { canonicalJson, sha256 } from './hash.js';
export * from './model.js';
export { appendPointer, decodePointer, getAtPointer, isRecord } from './pointer.js';
export { SPEC_LAYOUT } from './spec-layout.js';

/**
 * `@iotv1/generator-kit`: what every generator needs, and nothing of the spec loader (no YAML parser, no AsyncAPI
 * parser): the Contract Model's types, diagnostics, escaping and banners per target, templates, JSON pointers, the
 * schema index, the one Ajv configuration and hashing. json-schema-to-typescript, which loads the TypeScript
 * compiler, is its own entry (`@iotv1/generator-kit/schema-declarations`).
 */
export { type Ajv, createAjv } from './ajv.js';
export * from './device-rule.js';
export * from './diagnostic.js';
export { cCommentText, cString, docCommentText, markdownCell, tsString } from './escape.js';
export { banner, type ContractStamp, contractModule, contractStamp, type GeneratedFile, type Generator, generatorIdentity, jsonFile } from './generator.js';
export { generatorFiles } from './generator-files.js';
export { canonicalJson, sha256 } from './hash.js';
export * from './model.js';
export * from './pointer.js';
export { isExternalRef, type SchemaIndex, schemaIndex } from './schema-index.js';
export { SPEC_LAYOUT } from './spec-layout.js';

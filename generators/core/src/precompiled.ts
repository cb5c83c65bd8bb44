import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';

/** A validator Ajv compiled at build time (src/build-steps/) into a CommonJS module of dist/. */
export interface PrecompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const require = createRequire(import.meta.url);

/** Loads a precompiled validator by its path in dist/ (Node's module cache keeps it). */
export function precompiledValidator(file: string): PrecompiledValidator {
  return require(`./${file}`) as PrecompiledValidator;
}

/** `@iotv1/generator-testing`: what the generators' own test suites share (fixture specs, compiling their output, running tools). */

export * from '@iotv1/test-tools';
export * from './fixture-specs.js';
export * from './once.js';
export * from './typescript.js';

/** `@iotv1/generator-testing`: what the generators' own test suites share (fixture specs, compiling their output). */
export * from './fixture-specs.js';
export * from './typescript.js';

import type { TestProject } from 'vitest/node';
import { type BuiltRelease, buildReleases } from './src/releases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Every archived release (test/replay/releases), built; empty when the build tools are missing (the tests say so). */
    releases: BuiltRelease[];
  }
}

/** Builds the releases once per run, side by side, before the test files start: they share the builds. */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('releases', await buildReleases());
}

import type { GeneratedFile } from '@iotv1/generator-core';

/**
 * Every generated package gets a turbo.json that puts its tasks after `codegen`: its sources exist only once the
 * spec is generated. Written here, once, so that no generator has to know about the task graph.
 */
const PACKAGE_TURBO = {
  extends: ['//'],
  tasks: {
    build: { dependsOn: ['^build', '//#codegen'] },
    typecheck: { dependsOn: ['^build', '//#codegen'] },
    test: { dependsOn: ['build', '^build', '//#codegen'] },
  },
};

export function packageTurboConfig(outDir: string): GeneratedFile {
  return { path: `${outDir}/turbo.json`, content: `${JSON.stringify(PACKAGE_TURBO, null, 2)}\n` };
}

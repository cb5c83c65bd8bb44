import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { type FolderCheck, typeCheckFolders } from './type-check.js';

/** One generator run on one document, into its own empty folder. */
export interface GenerationJob {
  readonly folder: string;
  /** Writes the code into `folder`; resolves to what the case wants to know besides (Modelina: how many models). */
  readonly run: () => Promise<unknown>;
  /** A file compiled with the generated code (`narrowing-probe.ts`). */
  readonly probe?: string;
}

export interface GeneratedFolder {
  /** Why the generator failed, when it did. */
  readonly error?: string;
  readonly value?: unknown;
  /** Every .ts file it wrote, joined. */
  readonly code: string;
  /** The type-check of the folder; absent when the generator failed. */
  readonly check?: FolderCheck;
}

/**
 * Runs every job, one after another and as one task of `onThisThread` (several of these generators keep module-level
 * state, and they all run on this thread anyway), then type-checks every folder that was generated, in as few tsc
 * runs as give the verdicts of one run per folder (see typeCheckFolders). A failed job is reported, never thrown, so
 * that the others are still checked.
 */
export async function generateAndTypeCheck(
  jobs: readonly GenerationJob[],
  project: string,
  onThisThread: <T>(task: () => Promise<T>) => Promise<T>,
): Promise<ReadonlyMap<string, GeneratedFolder>> {
  const generated = new Map<string, { readonly error?: string; readonly value?: unknown }>();
  await onThisThread(async () => {
    for (const { folder, run, probe } of jobs) {
      try {
        const value = await run();
        if (probe !== undefined) writeFileSync(join(folder, 'narrowing-probe.ts'), probe);
        generated.set(folder, { value });
      } catch (error) {
        // inspect(): some generators wrap the cause (hey-api's JobError has no message of its own).
        generated.set(folder, { error: inspect(error, { depth: 4 }) });
      }
    }
  });
  const checks = await typeCheckFolders(
    project,
    jobs.filter(({ folder }) => generated.get(folder)?.error === undefined).map(({ folder }) => folder),
  );
  return new Map(
    jobs.map(({ folder }) => {
      const check = checks.get(folder);
      return [folder, { ...generated.get(folder), code: generatedCode(folder), ...(check === undefined ? {} : { check }) }];
    }),
  );
}

/** Every .ts file the generator wrote (not the probe), joined. */
function generatedCode(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && path !== 'narrowing-probe.ts')
    .map((path) => readFileSync(join(dir, path), 'utf8'))
    .join('\n');
}

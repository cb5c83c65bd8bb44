/** Contract versions are `MAJOR.MINOR.PATCH` (core refuses anything else in a current spec). */
const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

/** Numeric comparison; `undefined` when either side is not a version (an unreadable base). */
export function compareVersions(a: string | undefined, b: string | undefined): number | undefined {
  const pa = parts(a);
  const pb = parts(b);
  if (pa === undefined || pb === undefined) return undefined;
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

export function majorOf(version: string | undefined): number | undefined {
  return parts(version)?.[0];
}

function parts(version: string | undefined): number[] | undefined {
  const match = version === undefined ? null : VERSION.exec(version);
  return match === null ? undefined : match.slice(1).map(Number);
}

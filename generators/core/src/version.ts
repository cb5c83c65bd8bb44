/** Spec versions are semantic versions (`MAJOR.MINOR.PATCH`), compared numerically. */
const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

export function isVersion(value: string): boolean {
  return VERSION.test(value);
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

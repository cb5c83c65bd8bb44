/**
 * Debian's Chromium as the browser tests launch it (playwright-core, no browser download). In CI it must be there
 * (`.ci/run` installs it): a missing one fails those tests instead of skipping them.
 */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, and none of the background requests that this machine's closed network would refuse. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

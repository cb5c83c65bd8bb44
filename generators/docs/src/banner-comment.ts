/** The banner lines inside the HTML comment that opens the page and each Markdown file. */
export function bannerComment(banner: readonly string[]): string[] {
  // An HTML comment ends at `--`; the banner holds package names and versions only, but stay safe.
  return banner.map((line) => line.replace(/--/g, '- -'));
}

import { createHash } from 'node:crypto';
import type { Category } from '@iotv1/generator-core/kit';
import { SECTION } from './anchors.js';
import type { CodeEntry, DocsContent } from './content.js';

/** Static assets of the page (no spec text in them), inlined so that the page needs nothing beside itself. */
export interface Assets {
  readonly style: string;
  readonly script: string;
}

export interface CodeRow extends CodeEntry {
  readonly categoryClass: string;
  readonly retryableLabel: string;
  /** Lower-case text the filter matches against. */
  readonly search: string;
}

/** The page's view: the content as it is (Handlebars escapes every value), plus what only HTML needs. */
export interface HtmlView extends Omit<DocsContent, 'codes'> {
  readonly banner: readonly string[];
  readonly codes: readonly CodeRow[];
  readonly style: string;
  readonly script: string;
  readonly contentSecurityPolicy: string;
  readonly section: typeof SECTION;
}

const CATEGORY_CLASS: Readonly<Record<Category, string>> = { Success: 'success', 'Client Error': 'client', 'Server Error': 'server' };

const cspHash = (source: string): string => `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;

export function htmlView(content: DocsContent, banner: readonly string[], assets: Assets): HtmlView {
  return {
    ...content,
    // An HTML comment ends at `--`; the banner holds package names and versions only, but stay safe.
    banner: banner.map((line) => line.replace(/--/g, '- -')),
    codes: content.codes.map((entry) => ({
      ...entry,
      categoryClass: CATEGORY_CLASS[entry.category],
      retryableLabel: entry.retryable ? 'yes' : 'no',
      search: [entry.code, entry.message, entry.meaning, entry.category, entry.errorType ?? '', entry.httpStatus, entry.retiredReason ?? '']
        .join(' ')
        .toLowerCase(),
    })),
    style: assets.style,
    script: assets.script,
    // Only the page's own style and script run: anything injected into the page would be refused even if it got in.
    contentSecurityPolicy: [
      "default-src 'none'",
      `style-src ${cspHash(assets.style)}`,
      `script-src ${cspHash(assets.script)}`,
      'img-src data:',
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
    section: SECTION,
  };
}

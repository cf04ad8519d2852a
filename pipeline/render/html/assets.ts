/** The bundle's static assets come from templates/html/ (stylesheet, client scripts), copied as they are. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail } from '../../diagnostics.js';
import { SOURCE } from './site.js';

export const TEMPLATE_FILES = { style: 'style.css', site: 'site.js', search: 'search.js', icon: 'icon.svg' } as const;

export async function readTemplates(templatesDir: string): Promise<Record<keyof typeof TEMPLATE_FILES, string>> {
  const out = {} as Record<keyof typeof TEMPLATE_FILES, string>;
  for (const [key, name] of Object.entries(TEMPLATE_FILES) as Array<[keyof typeof TEMPLATE_FILES, string]>) {
    const path = join(templatesDir, 'html', name);
    try {
      out[key] = await readFile(path, 'utf8');
    } catch (error) {
      fail(SOURCE, 'template-missing', `Unexpected missing template \`${path}\` (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}), expected the HTML templates in ${join(templatesDir, 'html')}`);
    }
  }
  return out;
}

/**
 * fontkit, loaded as CommonJS (its `main.cjs`), the build pdfkit's own CommonJS build loads (see
 * pdf/pdfkit-library.ts): one copy of it in a thread, and a faster load than its ES module build.
 */
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';

export const fontkit = createRequire(import.meta.url)('fontkit') as typeof Fontkit;

/**
 * pdfkit, loaded as CommonJS (`js/pdfkit.js`, with fontkit's `main.cjs`): the same code as its ES module
 * build, which took ~60 ms longer to load (~220 ms against ~155 ms, pdfkit and fontkit alone on a quiet
 * core) — Node's ES module loader resolves, links and evaluates each file on its own way. Loading them
 * is on the way of every PDF render: the PDF's thread starts with it.
 */
import { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';

export const PDFDocument = createRequire(import.meta.url)('pdfkit') as typeof PDFKitDocument;

/**
 * Properties across the stages, with fast-check, on hostile text (markup, XML specials, control and bidi
 * characters, any Unicode):
 * - normalize + segment never throw, and every Han character of the source is in the article or in the
 *   report's discarded lines (tests/normalize/han.ts);
 * - any text the IR can hold (what cleaning leaves of a line) comes back unchanged as the text of its
 *   paragraph from the HTML page and from the EPUB's XHTML (parsed as strict XML), and creates no element;
 * - the same from the PDF's text layer (pdftotext), on a handful of runs because a PDF takes seconds.
 * The properties of normalize alone (never throws, idempotent) are in tests/normalize/property.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import type { Element as HastElement, Nodes as HastNodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element as XastElement, Nodes as XastNodes } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import type { Root } from '../../pipeline/ir.js';
import { cleanText } from '../../pipeline/normalize/clean.js';
import { uncachedContext, type OutputFile } from '../../pipeline/render/index.js';
import { renderEpub } from '../../pipeline/render/epub/index.js';
import { renderHtml } from '../../pipeline/render/html/index.js';
import { renderPdf } from '../../pipeline/render/pdf/index.js';
import { sampleIr } from '../fixtures/sample-ir.js';
import { lostHan } from '../normalize/han.js';
import { process as processSource } from '../normalize/helpers.js';
import { TEMPLATES } from '../render/html/helpers.js';

const HOSTILE = [
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '</p>', '<p>', '<!--', '-->', '<![CDATA[', ']]>', '&', '&amp;',
  '&lt;', '&#x202E;', '&#0;', '"', "'", '<', '>', '`', '${x}', '{{x}}', '\\', '\u202e', '\u2066', '\u0000', '\u001b[31m', '\u0085',
  '\ufdd0', '\ufeff', '\u00a0', '\u3000', ' ', '  ', '\t', '“', '”', '‘', '《', '》', '（', '）', '【', '…', '——', '中', '国', '學', '習',
  '㐀', '𠀀', '党', '的', '建', '设', '，', '。', '：', '1', 'a', 'Z', '%', '#', '?',
];
const piece = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE) }, fc.string({ unit: 'grapheme', maxLength: 3 }), fc.string({ unit: 'binary', maxLength: 2 }));
const anyText = fc.array(piece, { minLength: 1, maxLength: 24 }).map((parts) => parts.join(''));
/** Text a paragraph of the IR can hold: one line, cleaned as normalize cleans it. */
const irText = anyText.map((text) => cleanText(text.replace(/[\r\n\u2028\u2029]/g, ' '))).filter((text) => text.trim() !== '');

/** The sample IR with the text of one paragraph's sentence replaced. */
const PARAGRAPH = 'a1-p2';
function irWith(text: string): Root {
  const root = sampleIr();
  const paragraph = root.children[0]!.children.find((b) => b.id === PARAGRAPH) as { children: Array<{ type: string; children: Array<{ value: string }> }> };
  paragraph.children.find((c) => c.type === 'sentence')!.children[0]!.value = text;
  return root;
}

const context = (sourceDateEpoch = 0) => uncachedContext({ templatesDir: TEMPLATES, sourceDateEpoch, pageSize: 'A5', impose: null });

function textOf(node: HastNodes | XastNodes): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? (node.children as Array<HastNodes | XastNodes>).map(textOf).join('') : '';
}

function findById(node: HastNodes | XastNodes, id: string): HastElement | XastElement | null {
  if (node.type === 'element') {
    const own = 'properties' in node ? node.properties.id : (node as XastElement).attributes.id;
    if (own === id) return node;
  }
  if (!('children' in node)) return null;
  for (const child of node.children as Array<HastNodes | XastNodes>) {
    const found = findById(child, id);
    if (found) return found;
  }
  return null;
}

function tagNames(node: HastNodes | XastNodes): string[] {
  const own = node.type === 'element' ? [('tagName' in node ? node.tagName : (node as XastElement).name)] : [];
  return 'children' in node ? [...own, ...(node.children as Array<HastNodes | XastNodes>).flatMap(tagNames)] : own;
}

const fileText = (file: OutputFile): string => (typeof file.data === 'string' ? file.data : new TextDecoder().decode(file.data));

/** The paragraph's text and element names, from the HTML page and from the EPUB chapter that hold it. */
async function renderedParagraph(root: Root): Promise<{ html: { text: string; tags: string[] }; epub: { text: string; tags: string[] } }> {
  const page = (await renderHtml(root, context())).find((f) => f.path === 'html/a1.html')!;
  const inHtml = findById(fromHtml(fileText(page)), PARAGRAPH)!;
  const epub = (await renderEpub(root, context()))[0]!;
  const chapters = Object.entries(unzipSync(epub.data as Uint8Array)).filter(([name]) => name.endsWith('.xhtml'));
  const xhtml = chapters.map(([, data]) => new TextDecoder().decode(data)).find((text) => text.includes(`id="${PARAGRAPH}"`))!;
  // fromXml throws on anything that is not well-formed XML.
  const inEpub = findById(fromXml(xhtml), PARAGRAPH)!;
  return { html: { text: textOf(inHtml), tags: tagNames(inHtml) }, epub: { text: textOf(inEpub), tags: tagNames(inEpub) } };
}

describe('normalize and segment on hostile text', () => {
  it('never throw, and every Han character is in the article or the discarded lines (or the file is left out with an error)', () => {
    const page = fc.array(anyText, { minLength: 1, maxLength: 8 }).map((lines) => `标题${lines[0]}\n\n来源：测试网 时间：2024-01-02\n\n${lines.join('\n')}\n`);
    fc.assert(
      fc.property(page, (text) => {
        const bytes = Buffer.from(text, 'utf8');
        const { source } = processSource('any.txt', bytes);
        // A file taken for binary data (mostly NUL bytes) is left out whole, with an error saying so.
        if (source.messages.some((m) => m.severity === 'error')) expect(source.messages.map((m) => m.ruleId)).toContain('file-binary');
        else expect(lostHan('any.txt', bytes)).toEqual([]);
      }),
      // Counterexamples found earlier stay in every run.
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200), examples: [['标题\n\n来源：测试网 时间：2024-01-02\n\n\n?a\u{2f800}\u{f0000}\n\n'], ['标题薴“\n\n来源：测试网 时间：2024-01-02\n\n薴“\n']] },
    );
  });
});

describe('round trip of any text through the renderers', () => {
  let baseline: Awaited<ReturnType<typeof renderedParagraph>>;
  beforeAll(async () => {
    baseline = await renderedParagraph(irWith('基准'));
  });

  it('HTML and EPUB XHTML: the paragraph holds exactly the text, and no new element', async () => {
    await fc.assert(
      fc.asyncProperty(irText, async (text) => {
        const rendered = await renderedParagraph(irWith(text));
        expect(rendered.html.text).toBe(baseline.html.text.replace('基准', text));
        expect(rendered.html.tags).toEqual(baseline.html.tags);
        expect(rendered.epub.text).toBe(baseline.epub.text.replace('基准', text));
        expect(rendered.epub.tags).toEqual(baseline.epub.tags);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 25) },
    );
  });
});

describe('round trip through the PDF text layer', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'compendium-pdf-roundtrip-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('pdftotext reads the paragraph back (whitespace aside)', async () => {
    // Characters the book's fonts hold: the PDF cannot show what no font has.
    const printable = fc.array(fc.constantFrom(...HOSTILE.filter((p) => /^[\u0020-\u007e\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’…—]+$/u.test(p))), { minLength: 1, maxLength: 16 }).map((parts) => cleanText(parts.join('')));
    await fc.assert(
      fc.asyncProperty(printable.filter((t) => t.trim() !== ''), async (text) => {
        const [pdf] = await renderPdf(irWith(text), context());
        const file = join(tmp, 'roundtrip.pdf');
        await writeFile(file, pdf!.data);
        // -raw: in reading order, and a hyphen ending a line is kept (the default mode takes it for hyphenation).
        const layer = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
        expect(layer).toContain(text.replace(/\s+/g, ''));
      }),
      { numRuns: 5 },
    );
  });
});

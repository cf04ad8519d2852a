/**
 * The YAML parser, loaded on first use: loading it took ~50 ms of every build, and a rebuild whose YAML
 * files did not change takes what they say from the build cache instead (see `keptParse` in build.ts).
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

const require = createRequire(import.meta.url);
let library: typeof Yaml | undefined;

export function yamlLibrary(): typeof Yaml {
  return (library ??= require('yaml') as typeof Yaml);
}

// The parser's node tests, for code that walks what it parsed (the parser is loaded by then).
export const isMap = ((node: unknown) => yamlLibrary().isMap(node)) as typeof Yaml.isMap;
export const isScalar = ((node: unknown) => yamlLibrary().isScalar(node)) as typeof Yaml.isScalar;
export const isSeq = ((node: unknown) => yamlLibrary().isSeq(node)) as typeof Yaml.isSeq;

// Entry point for running the CLI from the TypeScript sources (`node --import tsx bin/compendium.ts`),
// as the tests do; `bin/compendium.js` runs the compiled build.
import { main } from '../pipeline/cli.js';

process.exitCode = await main(process.argv.slice(2));

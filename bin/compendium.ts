// Entry point for running the CLI from the TypeScript sources (`node --import tsx bin/compendium.ts`),
// as the tests do; `bin/compendium.js` runs the compiled build.
import { endQuietlyOnClosedPipe, main } from '../pipeline/cli.js';

endQuietlyOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));

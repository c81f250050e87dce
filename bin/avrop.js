#!/usr/bin/env node
// The `avrop` command. Runs the TypeScript sources directly (tsx), so no build step is left to the user.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
// The `pressroom` command: runs the CLI that `npm run build` (run by `npm ci` through `prepare`) compiled and bundled.
import { runCli } from '../dist/cli/loadBundle.js';

process.exitCode = await runCli(process.argv.slice(2));

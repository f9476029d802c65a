#!/usr/bin/env node
// The installed `control-room` command: the built CLI (run `npm run build` first).
import '../out/main/cli.js';

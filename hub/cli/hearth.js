#!/usr/bin/env node
// The `hearth` program. The sources are TypeScript, run through tsx's loader, so a checkout works
// right after `npm install` with no build step for the hub (Node 20 cannot strip types itself).
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');

// `node --import ./register.mjs dist/main.js`: runs the real shell with a stand-in for the
// `electron` module (the Electron binary cannot run in tests).
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);

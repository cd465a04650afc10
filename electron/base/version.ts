import pkg from '../../package.json';

/** Hookline's version, from package.json (inlined by the bundler). */
export const VERSION: string = pkg.version;

/** The name /healthz answers with, so a process can tell a Hookline leader from another program. */
export const APP_NAME = 'hookline';

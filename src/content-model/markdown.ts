import remarkGfm from 'remark-gfm';

/**
 * The remark plugins the build renders with, shared by astro.config.mjs and the translation checks,
 * so a translation that passes the checks is one the build can compile.
 */
export const remarkPlugins = [remarkGfm];

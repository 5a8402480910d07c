import remarkGfm from 'remark-gfm';

/**
 * The remark plugins every MDX parse uses, in the build and in the checks alike, so a translation that
 * passes the checks is one the build can compile. Kept free of site imports so scripts can use it too.
 */
export const remarkPlugins = [remarkGfm];

/** Deeper than any real page; deeper input would exhaust the stack of every tree walk after the parser. */
export const MAX_CONTENT_DEPTH = 64;

/** The pages section of the Dutch catalogue (ICU MessageFormat). Dutch is the source language. */
export const pages = {};

/** The errors section of the Dutch catalogue (ICU MessageFormat). Dutch is the source language. */
export const errors = {};

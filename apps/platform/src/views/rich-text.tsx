import { Fragment, type VNode } from 'preact';

// a character no message and no value contains: it marks where an element goes in a formatted sentence
const MARK = '\u0000';

/**
 * A sentence of the catalogue with elements in it (a link around a team's name...), without markup in the
 * catalogue: the sentence is formatted with a mark where each element goes, then cut there. The text parts stay
 * text, so they are escaped like any other.
 */
export function richText(format: (values: Record<string, string>) => string, elements: Record<string, VNode>): VNode {
  const marks: Record<string, string> = {};
  for (const name of Object.keys(elements)) marks[name] = `${MARK}${name}${MARK}`;
  const parts = format(marks).split(MARK);
  return (
    <Fragment>
      {parts.map((part, index) => (index % 2 === 1 && Object.hasOwn(elements, part) ? elements[part] : part))}
    </Fragment>
  );
}

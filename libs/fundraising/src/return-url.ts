/**
 * Where a payment provider sends the payer back, as plain data: an address in which `{id}` stands for the id the
 * handler draws (a gift's, or the walker's whose fee it is). A command holds no function, so it can be logged,
 * queued or sent to another process as it is.
 */
export type ReturnUrlTemplate = string;

/** What stands for the id in a `ReturnUrlTemplate`. */
export const RETURN_ID = '{id}';

export function returnUrlFor(template: ReturnUrlTemplate, id: string): string {
  return template.split(RETURN_ID).join(encodeURIComponent(id));
}

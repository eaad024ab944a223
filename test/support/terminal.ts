/** A stream that keeps what is written to it: a terminal (as the CLI's progress sees one) or a pipe. */
export function outputStream(isTTY: boolean): NodeJS.WriteStream & { text: () => string } {
  let text = '';
  return {
    isTTY,
    columns: 120,
    write(chunk: string | Uint8Array) {
      text += String(chunk);
      return true;
    },
    text: () => text,
  } as unknown as NodeJS.WriteStream & { text: () => string };
}

/** A terminal's control sequences (cursor moves, line clears, cursor save and restore). */
export const CONTROL_SEQUENCE = new RegExp(`${String.fromCharCode(27)}(\\[[\\d;?]*[A-Za-z]|[78])`, 'g');

/** What a terminal shows of `text`: each redrawn line as its own entry, without the control sequences. */
export function screenLines(text: string): string[] {
  return text
    .replace(CONTROL_SEQUENCE, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '');
}

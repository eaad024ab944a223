import { Presets, SingleBar } from 'cli-progress';

/** One piece of long work as it advances: a bar on a terminal. */
export interface ProgressBar {
  /** `done` steps of the total are done (an absolute value: a position reached, items counted). */
  update(done: number): void;
  /** One more step (or `by`) is done. */
  increment(by?: number): void;
  /** The work ended: the bar is drawn full and left on screen with its time. */
  stop(): void;
}

/** Where long work shows how far it is. */
export interface Progress {
  bar(label: string, total: number): ProgressBar;
}

const nothing: ProgressBar = { update() {}, increment() {}, stop() {} };

/** Shows nothing: for output that is not a terminal (a log file, a pipe, a test), where bars would be noise. */
export const silentProgress: Progress = { bar: () => nothing };

/** Bars drawn on `stream`, one per piece of work, each left on screen once done with the time it took. */
export function terminalProgress(stream: NodeJS.WriteStream): Progress {
  return {
    bar(label, total) {
      // nothing to do (no gift to look up): no bar to draw
      if (total <= 0) return nothing;
      const bar = new SingleBar(
        {
          stream,
          format: `  ${label.padEnd(22)} {bar} {percentage}% | {value}/{total} | {duration_formatted}`,
          clearOnComplete: false,
          // the bar stays on screen when done; the values are plain counts, however large
          formatValue: (value, _options, type) =>
            type === 'value' || type === 'total' ? value.toLocaleString('en-GB') : String(value),
        },
        Presets.shades_classic,
      );
      bar.start(total, 0);
      return {
        update: (done) => bar.update(Math.min(done, total)),
        increment: (by = 1) => bar.increment(by),
        stop() {
          bar.update(total);
          bar.stop();
        },
      };
    },
  };
}

/** Bars when `stream` is a terminal someone watches, nothing otherwise. */
export function progressOn(stream: NodeJS.WriteStream): Progress {
  return stream.isTTY ? terminalProgress(stream) : silentProgress;
}

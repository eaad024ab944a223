import type { Language } from '@rw/kernel';
import { formatMoney } from './money';

export interface ProgressWords {
  /** "raised" after the amount */
  raised: string;
  /** "of € 250,00", given the formatted target */
  ofTarget: (target: string) => string;
  /** the bar's accessible name, given the percentage */
  label: (percent: number) => string;
}

/** A progress bar with its figures in text, so it also reads without colour or a screen. No target, no bar. */
export function Progress(props: {
  raisedCents: number;
  targetCents: number;
  language: Language;
  words: ProgressWords;
}) {
  const { raisedCents, targetCents, language, words } = props;
  const percent = targetCents > 0 ? Math.min(100, Math.floor((raisedCents * 100) / targetCents)) : 0;
  return (
    <>
      <div class="progress-figures">
        <strong class="raised">{formatMoney(raisedCents, language)}</strong> {words.raised}
        {targetCents > 0 && (
          <>
            {' '}
            <span>{words.ofTarget(formatMoney(targetCents, language))}</span>
          </>
        )}
      </div>
      {targetCents > 0 && (
        <progress max="100" value={percent} aria-label={words.label(percent)}>
          {percent}%
        </progress>
      )}
    </>
  );
}

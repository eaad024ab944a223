/**
 * The shape every aggregate of the domain takes (STYLE.md): pure functions, no I/O, no clock, no random.
 * Time and ids come in on the command. A command that changes nothing returns [] so that retries are safe.
 */
export interface Decider<Command, Event, State> {
  initialState: State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

/** What a refusal says besides its English message, for the edge to translate it and show it by the right field. */
export interface RefusalDetails {
  /** For a class that guards several rules (InvalidDonation, ...): which one said no, e.g. 'amount_too_small'. */
  reason?: string;
  /** The values the sentence needs, e.g. { email } or { min: 100 } (amounts in cents). */
  params?: Record<string, string | number>;
  /** For a refusal about one input: the field it concerns, as the command and the JSON API name it ('email'). */
  field?: string;
}

/**
 * A rule of the domain said no. Carries a message a person can act on (the JSON API's English `message`), and a
 * stable `code` per class (with `reason`, `params` and `field`) that the edge translates for people; mapped to an
 * HTTP status in one place. Every subclass names its own `static code`, unique (a test checks it).
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'invalid' | 'not_found' | 'conflict' | 'forbidden';
  static readonly code: string = 'domain_error';
  readonly code: string;
  readonly reason?: string;
  readonly params: Record<string, string | number>;
  readonly field?: string;
  constructor(message: string, details: RefusalDetails = {}) {
    super(message);
    this.name = new.target.name;
    this.code = (new.target as unknown as { code: string }).code;
    if (details.reason !== undefined) this.reason = details.reason;
    this.params = details.params ?? {};
    if (details.field !== undefined) this.field = details.field;
  }
}

export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
): State {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/**
 * The shape every aggregate of the domain takes (STYLE.md): pure functions, no I/O, no clock, no random.
 * Time and ids come in on the command. A command that changes nothing returns [] so that retries are safe.
 */
export interface Decider<Command, Event, State> {
  initialState: State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

/** A rule of the domain said no. Carries a message a person can act on; mapped to an HTTP status in one place. */
export abstract class DomainError extends Error {
  abstract readonly kind: 'invalid' | 'not_found' | 'conflict' | 'forbidden';
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
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

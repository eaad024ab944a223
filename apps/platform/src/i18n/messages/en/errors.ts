import type { Catalogue } from '../../catalogue';

export const errors: Catalogue['errors'] = {
  // a refusal the catalogue has no sentence for yet: the English reason, in a sentence of the visitor's language
  generic: 'That is not possible: {reason}',
  // --- refusals the public pages (registration, joining a team, a walker's page, a pledge) can meet ---
  email_already_has_account: 'This e-mail address already has an account. Please choose another address.',
  unique_value_taken:
    'This is already taken in this edition: choose another team name, or an e-mail address of their own for each walker.',
  route_not_in_edition: 'This route is not part of this edition. Please choose one of the routes below.',
  invalid_team: 'We cannot register this team like this: give it a name and a target of 0 euro or more.',
  invalid_walker:
    'That is not possible for a walker: the target is at least what the edition asks of every walker, and the story cannot be too long.',
  invalid_team_target_too_high: 'A team target is at most 1,000,000 euro.',
  invalid_team_target_below_minimum: 'A team target is at least what each walker commits to raise (or leave it empty).',
  invalid_walker_target_too_high: 'A target is at most 1,000,000 euro.',
  registration_closed: 'The walk is over: you can no longer register or join a team.',
  wrong_join_code: 'This invitation link is not valid. Ask the captain to send it again.',
  team_closed: 'This team takes no new walkers any more.',
  team_full: 'This team is full. Ask the captain what you can do, or register a team of your own.',
  invalid_pledge:
    'We cannot take this pledge like this: a fixed amount is between 1 and 100,000 euro, an amount per km between 0.01 and 1,000 euro, and a maximum between 1 and 100,000 euro.',
  // --- end of the public pages' refusals ---
  // --- refusals the desk meets (desk helper); the full list may hold the same keys: keep one ---
  walker_not_found: 'That walker does not exist (any more): search again.',
};

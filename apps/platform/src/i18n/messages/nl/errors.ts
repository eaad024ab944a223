/** The errors section of the Dutch catalogue (ICU MessageFormat). Dutch is the source language. */
export const errors = {
  // a refusal the catalogue has no sentence for yet: the English reason, in a sentence of the visitor's language
  generic: 'Dat kan niet: {reason}',
  // --- refusals the public pages (registration, joining a team, a walker's page, a pledge) can meet ---
  email_already_has_account: 'Dit e-mailadres hoort al bij een account. Kies een ander e-mailadres.',
  unique_value_taken:
    'Dit is al in gebruik in deze editie: kies een andere teamnaam, of een eigen e-mailadres voor elke stapper.',
  route_not_in_edition: 'Deze route hoort niet bij deze editie. Kies een van de routes hieronder.',
  invalid_team: 'Dit team kunnen we zo niet inschrijven: geef het een naam en een doel van 0 euro of meer.',
  invalid_walker:
    'Dit kan niet voor een stapper: het doel is minstens het bedrag dat de editie van elke stapper vraagt, en het verhaal mag niet te lang zijn.',
  invalid_team_target_too_high: 'Een teamdoel is hoogstens 1.000.000 euro.',
  invalid_team_target_below_minimum:
    'Een teamdoel is minstens wat elke stapper belooft op te halen (of laat het leeg).',
  invalid_walker_target_too_high: 'Een doel is hoogstens 1.000.000 euro.',
  registration_closed: 'De walk is voorbij: inschrijven of meestappen kan niet meer.',
  wrong_join_code: 'Deze uitnodigingslink klopt niet. Vraag de kapitein om de link opnieuw te sturen.',
  team_closed: 'Dit team neemt geen nieuwe stappers meer aan.',
  team_full: 'Dit team is vol. Vraag de kapitein wat je kunt doen, of schrijf een eigen team in.',
  invalid_pledge:
    'Deze belofte kunnen we zo niet aannemen: een vast bedrag ligt tussen 1 en 100.000 euro, een bedrag per km tussen 0,01 en 1.000 euro, en een maximum tussen 1 en 100.000 euro.',
  // --- end of the public pages' refusals ---
  // --- refusals the desk meets (desk helper); the full list may hold the same keys: keep one ---
  walker_not_found: 'Die stapper bestaat niet (meer): zoek opnieuw.',
};

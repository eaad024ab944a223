import type { Catalogue } from '../../catalogue';

export const errors: Catalogue['errors'] = {
  // a refusal the catalogue has no sentence for yet: the English reason, in a sentence of the visitor's language
  generic: 'Ce n’est pas possible\u202f: {reason}',
  // --- refusals the public pages (registration, joining a team, a walker's page, a pledge) can meet ---
  email_already_has_account: 'Cette adresse e-mail a déjà un compte. Choisissez une autre adresse.',
  unique_value_taken:
    'C’est déjà pris dans cette édition\u202f: choisissez un autre nom d’équipe, ou une adresse e-mail propre à chaque marcheur·euse.',
  route_not_in_edition: 'Ce parcours n’appartient pas à cette édition. Choisissez un des parcours ci-dessous.',
  invalid_team:
    'Nous ne pouvons pas inscrire cette équipe ainsi\u202f: donnez-lui un nom et un objectif de 0 euro ou plus.',
  invalid_walker:
    'Ce n’est pas possible pour un·e marcheur·euse\u202f: l’objectif est au moins le montant que l’édition demande à chacun·e, et l’histoire ne peut pas être trop longue.',
  invalid_team_target_too_high: 'L’objectif d’une équipe ne peut pas dépasser 1\u202f000\u202f000 euros.',
  invalid_team_target_below_minimum:
    'L’objectif d’une équipe est d’au moins ce que chaque marcheur·euse s’engage à récolter (ou laissez-le vide).',
  invalid_walker_target_too_high: 'Un objectif ne peut pas dépasser 1\u202f000\u202f000 euros.',
  registration_closed: 'La marche est terminée\u202f: il n’est plus possible de s’inscrire ni de rejoindre une équipe.',
  wrong_join_code: 'Ce lien d’invitation n’est pas valable. Demandez au ou à la capitaine de le renvoyer.',
  team_closed: 'Cette équipe n’accepte plus de nouveaux·elles marcheurs·euses.',
  team_full:
    'Cette équipe est complète. Demandez au ou à la capitaine ce que vous pouvez faire, ou inscrivez votre propre équipe.',
  invalid_pledge:
    'Nous ne pouvons pas accepter cette promesse ainsi\u202f: un montant fixe va de 1 à 100 000 euros, un montant par km de 0,01 à 1 000 euros, et un maximum de 1 à 100 000 euros.',
  // --- end of the public pages' refusals ---
  // --- refusals the desk meets (desk helper); the full list may hold the same keys: keep one ---
  walker_not_found: 'Marcheur·euse introuvable : cherchez à nouveau.',
};

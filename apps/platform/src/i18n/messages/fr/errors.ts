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
  invalid_team_target_below_minimum:
    'L’objectif d’une équipe est d’au moins {minMoney}, ce que chaque marcheur·euse s’engage à récolter (ou laissez-le vide).',
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
  // --- every refusal, by its code; `reason_<reason>` says precisely which rule of a class refused ---
  reason_frequency_invalid: 'Choisissez la fréquence de votre don : une fois ou chaque mois.',
  reason_cover_fees_invalid: 'Les frais de paiement couverts font partie du montant payé.',
  reason_cover_fees_offline: 'Un don déjà reçu n’a pas de frais de paiement à couvrir.',
  reason_message_too_long: 'Votre message est trop long : {max, number} caractères au maximum.',
  reason_amount_not_cents: 'Nous ne pouvons pas lire ce montant. Écrivez-le comme 20 ou 20,50.',
  reason_amount_too_small: 'Ce montant est trop petit : au moins {minMoney}.',
  reason_amount_too_large: 'Ce montant est trop élevé : au maximum {maxMoney}.',
  reason_surname_missing: 'Indiquez aussi le nom de famille, avec les prénoms.',
  reason_name_too_long: 'Ce nom est trop long : {max, number} caractères au maximum.',
  reason_name_missing: 'Indiquez un nom.',
  reason_email_invalid: 'Indiquez une adresse e-mail valable, comme nom@exemple.be.',
  reason_national_number_invalid:
    'Ce n’est pas un numéro de registre national ou BIS valable : 11 chiffres, dont les 2 derniers sont un nombre de contrôle.',
  reason_address_incomplete: 'Une adresse comprend une rue avec numéro, un code postal et une commune.',
  reason_country_invalid: 'Choisissez un pays dans la liste.',
  reason_postal_code_not_belgian: 'Un code postal belge a 4 chiffres, comme 1000.',
  reason_postal_code_invalid: 'Indiquez un code postal, par exemple 1000.',
  reason_offline_method_invalid: 'Un don hors ligne est reçu en espèces ou par virement.',
  reason_received_on_invalid: 'Choisissez le jour où le don a été reçu.',
  reason_received_on_in_future: 'Le jour de réception ne peut pas être dans le futur.',
  reason_paid_on_invalid: 'Choisissez le jour du paiement.',
  reason_target_invalid: 'Indiquez un objectif en euros, comme 250.',
  reason_target_not_cents: 'Indiquez un objectif en euros, comme 250 ou 250,50.',
  reason_target_below_minimum:
    'L’objectif est d’au moins {minMoney} : c’est ce que cette édition demande à chaque marcheur·euse.',
  reason_target_too_high: 'Un objectif ne peut pas dépasser {maxMoney}.',
  reason_story_too_long: 'Votre histoire est trop longue : {max, number} caractères au maximum.',
  reason_distance_out_of_range: 'Une distance parcourue est comprise entre 0 et {max, number} km.',
  reason_kind_invalid: 'Choisissez un montant fixe ou un montant par km.',
  reason_cap_not_per_km: 'Seule une promesse par km a un plafond.',
  reason_cap_out_of_range: 'Le plafond est compris entre {minMoney} et {maxMoney}.',
  reason_team_name: 'Une équipe porte déjà ce nom. Choisissez-en un autre.',
  reason_walker_email: 'Cette adresse e-mail participe déjà à cette édition. Chaque marcheur·euse a sa propre adresse.',
  walker_page_refused: 'Votre page n’a pas été enregistrée : corrigez les champs ci-dessous.',
  invalid_donation: 'Nous ne pouvons pas accepter ce don ainsi. Vérifiez les champs et réessayez.',
  invalid_edition: 'Cette édition n’est pas correcte : vérifiez le nom, la date, les parcours et les montants.',
  invalid_account: 'Ce compte n’est pas correct : vérifiez le nom, l’adresse e-mail et les rôles.',
  invalid_bank_line: 'Cette ligne bancaire n’est pas correcte : vérifiez le montant, la date et la communication.',
  invalid_tax_certificates:
    'Nous ne pouvons pas établir ces attestations fiscales ainsi : vérifiez l’année et les données des donateurs·rices.',
  team_not_found: 'Cette équipe n’existe pas (ou plus).',
  team_already_registered: 'Cette équipe est déjà inscrite.',
  only_the_captain: 'Seul·e le·la capitaine de l’équipe peut faire cela.',
  captain_cannot_leave: 'Le·la capitaine ne peut pas être retiré·e de sa propre équipe.',
  account_not_found: 'Ce compte n’existe pas.',
  cannot_lock_out_self: 'Vous ne pouvez pas vous exclure vous-même : demandez à un·e autre administrateur·rice.',
  donation_not_found: 'Ce don n’existe pas.',
  donation_already_created: 'Ce don existe déjà avec d’autres données. Commencez un nouveau don.',
  donation_already_settled: 'Ce don est déjà réglé.',
  donation_not_paid: 'Ce don n’est pas (encore) payé.',
  not_a_monthly_donation: 'Ce don est unique, pas mensuel.',
  refund_exceeds_paid: 'Au maximum {leftCentsMoney} peut être remboursé.',
  chargeback_exceeds_paid: 'La rétrofacturation dépasse ce qui reste payé ({leftCentsMoney}).',
  unknown_charge: 'Ce don n’a pas ce paiement : choisissez-en un dans la liste.',
  walker_already_registered: 'Ce·tte marcheur·euse est déjà inscrit·e.',
  walker_no_longer_walks: '{name} ne participe plus.',
  no_registration_fee_due: '{name} n’a pas (plus) de frais d’inscription à payer.',
  wrong_registration_fee: 'Les frais d’inscription sont de {expectedCentsMoney}, {paidCentsMoney} ont été payés.',
  edition_already_exists: 'Cette édition existe déjà.',
  edition_not_found: 'Cette édition n’existe pas.',
  pledge_not_found: 'Cette promesse n’existe pas.',
  pledge_already_made: 'Cette promesse existe déjà avec d’autres données. Faites une nouvelle promesse.',
  pledge_not_due: 'Cette promesse n’est pas encore à payer : elle le sera dès que la distance parcourue sera connue.',
  nothing_due_on_pledge: 'Il n’y a rien à payer pour cette promesse ({km, number} km parcourus).',
  pledge_was_cancelled: 'Cette promesse a été annulée.',
  pledge_already_fulfilled: 'Cette promesse est déjà payée. Merci !',
  wrong_pledge_amount: 'Le montant à payer a changé entre-temps : vérifiez-le et confirmez à nouveau.',
  communication_taken: 'Cette communication structurée appartient à un autre don.',
  bank_line_not_found: 'Cette ligne bancaire n’existe pas.',
  bank_line_not_assignable:
    'Cette ligne bancaire ne peut pas être attribuée : elle l’est déjà ou ce n’est pas une recette.',
};

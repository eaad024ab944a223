/**
 * Word lists for the demo data: Belgian first and last names (Flemish, Walloon, Brussels and newcomers' names),
 * team names and supporters' messages. Fictitious people; every e-mail address is on a domain reserved for
 * examples (RFC 2606), so nothing made here can ever reach a real mailbox.
 */

// biome-ignore format: a word list reads better packed
export const FIRST_NAMES = [
  // Flemish
  'Jan', 'Pieter', 'Lucas', 'Wout', 'Arne', 'Lars', 'Jonas', 'Bram', 'Tom', 'Koen', 'Stijn', 'Dries', 'Wim',
  'Joris', 'Tuur', 'Mathis', 'Seppe', 'Ruben', 'Jef', 'Lieven', 'Marie', 'Emma', 'Lotte', 'Els', 'An', 'Sofie',
  'Lien', 'Fien', 'Hanne', 'Ine', 'Griet', 'Nele', 'Sara', 'Kato', 'Lore', 'Anouk', 'Mieke', 'Veerle', 'Liesbeth',
  'Ilse',
  // Walloon and Brussels
  'Julien', 'Thomas', 'Nicolas', 'Maxime', 'Antoine', 'Louis', 'Hugo', 'Arnaud', 'Olivier', 'François', 'Benoît',
  'Cédric', 'Pierre', 'Luc', 'Camille', 'Manon', 'Chloé', 'Louise', 'Juliette', 'Élise', 'Céline', 'Nathalie',
  'Isabelle', 'Sophie', 'Aurélie', 'Pauline', 'Mathilde', 'Léa', 'Margaux', 'Hélène',
  // newcomers and their children
  'Mohamed', 'Youssef', 'Amir', 'Omar', 'Bilal', 'Ahmad', 'Tesfaye', 'Dawit', 'Samir', 'Karim', 'Fatima', 'Amina',
  'Yasmina', 'Leila', 'Nour', 'Aya', 'Hiba', 'Meron', 'Zahra', 'Mariam',
];

// biome-ignore format: a word list reads better packed
export const LAST_NAMES = [
  // Flemish
  'Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet',
  'Vermeulen', 'Van den Broeck', 'Pauwels', 'Hermans', 'Aerts', 'Michiels', 'Van Damme', 'De Backer', 'Verstraete',
  'Verhoeven', 'Segers', 'Vandenberghe', 'De Clercq', 'Van de Velde', 'Cools', 'Smets', 'Stevens', 'Coppens',
  'Martens', 'Wuyts', 'De Wilde', 'Hendrickx', 'Van Hecke', 'Declercq', 'Bogaert', 'Lemmens', 'Verbruggen',
  'Desmet', 'Moens', 'Vos',
  // Walloon and Brussels
  'Dubois', 'Lambert', 'Dupont', 'Martin', 'Simon', 'Laurent', 'Leclercq', 'Renard', 'Lejeune', 'Dumont',
  'Lefèvre', 'François', 'Collard', 'Denis', 'Mathieu', 'Gérard', 'Henrard', 'Piron', 'Wauters', 'Libert',
  'Lemaire', 'Noël', 'Marchal', 'Bertrand', 'Delvaux', 'Fontaine', 'Hubert', 'Massart', 'Gilson', 'Leroy',
  // newcomers and their children
  'El Amrani', 'Benali', 'Haddad', 'Yilmaz', 'Kaya', 'Mahmoud', 'Hussein', 'Ahmadi', 'Tesfay', 'Gebremedhin',
  'Nsimba', 'Mukendi', 'Diallo', 'Bah', 'Sahraoui', 'Rahimi', 'Karimi', 'Alami', 'Ouali', 'Haidari',
];

/** Companies and shops that sponsor a team. */
// biome-ignore format: a word list reads better packed
export const BUSINESS_KINDS = [
  'Bakkerij', 'Apotheek', 'Garage', 'Brasserie', 'Boulangerie', 'Schrijnwerkerij', 'Fietsen', 'Architectenbureau',
  'Cabinet', 'Traiteur', 'Drukkerij', 'Boekhandel',
];
// biome-ignore format: a word list reads better packed
export const BUSINESS_FORMS = ['BV', 'NV', 'SRL', 'VOF', 'SA', 'CommV'];

/** Team names: "De Snelle Stappers", "Les Marcheurs Solidaires", sometimes with a town. */
// biome-ignore format: a word list reads better packed
export const DUTCH_TEAM_ADJECTIVES = [
  'Snelle', 'Dappere', 'Vrolijke', 'Solidaire', 'Blije', 'Sterke', 'Trage', 'Wilde', 'Warme', 'Koppige',
  'Nachtelijke', 'Natte', 'Zingende', 'Onvermoeibare', 'Gezellige',
];
// biome-ignore format: a word list reads better packed
export const DUTCH_TEAM_NOUNS = [
  'Stappers', 'Wandelaars', 'Benen', 'Voeten', 'Schoenen', 'Kameraden', 'Vrienden', 'Zwervers', 'Slakken', 'Egels',
  'Kuiten', 'Blaren', 'Pelgrims',
];
// biome-ignore format: a word list reads better packed
export const FRENCH_TEAM_NOUNS = [
  'Marcheurs', 'Pieds', 'Baskets', 'Randonneurs', 'Copains', 'Escargots', 'Semelles', 'Mollets', 'Pèlerins',
];
// biome-ignore format: a word list reads better packed
export const FRENCH_TEAM_ADJECTIVES = [
  'Solidaires', 'Agiles', 'Joyeux', 'Courageux', 'Infatigables', 'du Dimanche', 'Sans Frontières', 'Têtus',
  'Nocturnes', 'Pressés',
];
// biome-ignore format: a word list reads better packed
export const TOWNS = [
  'Gent', 'Antwerpen', 'Leuven', 'Brugge', 'Mechelen', 'Hasselt', 'Kortrijk', 'Aalst', 'Brussel', 'Bruxelles',
  'Liège', 'Namur', 'Mons', 'Charleroi', 'Ottignies', 'Genk', 'Turnhout', 'Ieper', 'Arlon', 'Tournai',
];
/** Teams of schools, clubs and workplaces. */
// biome-ignore format: a word list reads better packed
export const GROUP_TEAM_NAMES = [
  'Sint-Jozefscollege', 'Atheneum', 'Scouts', 'Chiro', 'Patro', 'KWB', 'Basisschool De Regenboog',
  'Collège Saint-Michel', 'Athénée Royal', 'Les Scouts', 'Koor', 'Volleybalclub', 'Buurthuis', 'OCMW', 'CPAS',
  'Welkomhuis', 'Taalcafé', 'Parochie',
];

// biome-ignore format: a word list reads better packed
export const MESSAGES = [
  'Goed bezig!', 'Veel succes!', 'Zet hem op!', 'Hou vol!', 'Allez, allez!', 'Trots op jou', 'Voor een warm welkom',
  'Courage !', 'Bravo !', 'Bonne marche !', 'Allez, on y croit !', 'Solidarité', 'Chapeau !', 'Go go go!',
  'Voor iedereen die hier een thuis zoekt', 'Pour un accueil digne', 'Veel plezier onderweg', 'Niet opgeven!',
];

// biome-ignore format: a word list reads better packed
export const STORIES = [
  'Ik wandel omdat iedereen een veilige plek verdient.',
  'Je marche pour que chacun trouve sa place ici.',
  'Samen met mijn collega’s stappen we 40 km voor een warm onthaal.',
  'Vorig jaar liep ik mee met mijn buurman uit Syrië; dit jaar weer.',
  'Nous marchons en famille, de la première à la dernière borne.',
  'Elke euro helpt nieuwkomers hier hun weg te vinden.',
];

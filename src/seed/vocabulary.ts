/** Word lists for the synthetic catalogue. Kept plain so generated titles read like real ones. */

export const CATEGORIES = [
  'Fiction', 'Literary Fiction', 'Mystery', 'Thriller', 'Science Fiction', 'Fantasy', 'Romance', 'Horror',
  'Historical Fiction', 'Young Adult', "Children's", 'Graphic Novels', 'Poetry', 'Drama', 'Biography',
  'History', 'Science', 'Mathematics', 'Computer Science', 'Business', 'Economics', 'Self-Help', 'Psychology',
  'Philosophy', 'Religion', 'Politics', 'Travel', 'Cooking', 'Art', 'Music', 'Health', 'Sports',
] as const;

export const LANGUAGES: readonly (readonly [string, number])[] = [
  ['en', 70], ['de', 7], ['fr', 7], ['es', 6], ['it', 3], ['nl', 2], ['pt', 2], ['ja', 2], ['sv', 1],
];

export const FORMATS = ['HARDCOVER', 'PAPERBACK', 'EBOOK', 'AUDIOBOOK'] as const;

export const FIRST_NAMES = [
  'Ada', 'Alan', 'Alice', 'Amara', 'Anna', 'Arjun', 'Astrid', 'Beatrice', 'Ben', 'Camille', 'Carlos', 'Chen',
  'Clara', 'Daniel', 'Dmitri', 'Elena', 'Elif', 'Emma', 'Ethan', 'Fatima', 'Felix', 'Freya', 'Gabriel', 'Grace',
  'Hana', 'Hannah', 'Hugo', 'Ines', 'Isaac', 'Ivan', 'Jack', 'James', 'Jana', 'Javier', 'Jonas', 'Julia', 'Kai',
  'Kenji', 'Lara', 'Layla', 'Leo', 'Liam', 'Lina', 'Lucas', 'Lucia', 'Maya', 'Marco', 'Margaret', 'Maria', 'Mateo',
  'Mei', 'Mia', 'Mohammed', 'Nadia', 'Naomi', 'Nia', 'Noah', 'Nora', 'Olivia', 'Omar', 'Oscar', 'Paul', 'Priya',
  'Rafael', 'Rosa', 'Ruth', 'Sam', 'Sara', 'Sebastian', 'Sofia', 'Stella', 'Theo', 'Thomas', 'Valentina', 'Victor',
  'Vivian', 'Wei', 'William', 'Yara', 'Yusuf', 'Zara', 'Zoe', 'Agnes', 'Bruno', 'Cecilia', 'Dorothy', 'Edgar',
  'Flora', 'George', 'Helen', 'Irene', 'Joseph', 'Karl', 'Louise', 'Martin', 'Nina', 'Otto', 'Pia', 'Quentin',
];

export const LAST_NAMES = [
  'Abbott', 'Adeyemi', 'Alvarez', 'Andersen', 'Baker', 'Barnes', 'Becker', 'Bennett', 'Bianchi', 'Blake', 'Brooks',
  'Bruno', 'Carter', 'Castillo', 'Chen', 'Clarke', 'Cohen', 'Costa', 'Dalton', 'Das', 'Dubois', 'Duarte', 'Eriksen',
  'Evans', 'Fischer', 'Fontaine', 'Ford', 'Garcia', 'Gardner', 'Green', 'Gupta', 'Hale', 'Hansen', 'Hayes',
  'Hoffmann', 'Holm', 'Hughes', 'Ibrahim', 'Ito', 'Jensen', 'Johansson', 'Kaur', 'Keller', 'Kim', 'Klein', 'Kowalski',
  'Lambert', 'Larsen', 'Laurent', 'Lee', 'Lindqvist', 'Lopez', 'Marsh', 'Martin', 'Meyer', 'Moreau', 'Morgan',
  'Murphy', 'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Ortiz', 'Park', 'Patel', 'Perez', 'Petrov', 'Quinn',
  'Reed', 'Reyes', 'Rossi', 'Russo', 'Sato', 'Schmidt', 'Schneider', 'Shah', 'Silva', 'Singh', 'Sorensen', 'Stone',
  'Suzuki', 'Tanaka', 'Thompson', 'Torres', 'Turner', 'Vargas', 'Vogel', 'Wagner', 'Walsh', 'Weber', 'Wolf',
  'Wright', 'Yamamoto', 'Young', 'Zhang', 'Ziegler', 'Hartley', 'Whitmore', 'Ashford', 'Pemberton', 'Lindgren',
];

export const ADJECTIVES = [
  'Silent', 'Hidden', 'Last', 'Lost', 'Broken', 'Golden', 'Secret', 'Distant', 'Quiet', 'Burning', 'Winter',
  'Summer', 'Forgotten', 'Endless', 'Crimson', 'Wild', 'Hollow', 'Bright', 'Dark', 'Little', 'Great', 'Long',
  'Shattered', 'Sacred', 'Wandering', 'Invisible', 'Midnight', 'Northern', 'Southern', 'Iron', 'Glass', 'Paper',
  'Salt', 'Stolen', 'Second', 'First', 'Final', 'Quiet', 'Restless', 'Gentle', 'Bitter', 'Sweet', 'Deep',
  'Falling', 'Rising', 'Empty', 'Painted', 'Unfinished', 'Curious', 'Impossible', 'Ordinary', 'Strange',
];

export const NOUNS = [
  'House', 'River', 'Garden', 'City', 'Sea', 'Mountain', 'Forest', 'Island', 'Road', 'Letter', 'Map', 'Song',
  'Key', 'Door', 'Window', 'Bridge', 'Storm', 'Light', 'Shadow', 'Fire', 'Stone', 'Star', 'Moon', 'Sun', 'Clock',
  'Mirror', 'Library', 'Orchard', 'Harbor', 'Lighthouse', 'Kingdom', 'Empire', 'Crown', 'Sword', 'Ship', 'Train',
  'Winter', 'Summer', 'Daughter', 'Son', 'Mother', 'Father', 'Sister', 'Brother', 'Queen', 'King', 'Witch',
  'Stranger', 'Traveler', 'Detective', 'Doctor', 'Teacher', 'Painter', 'Gardener', 'Thief', 'Soldier', 'Child',
  'Memory', 'Promise', 'Secret', 'Silence', 'Truth', 'Dream', 'Journey', 'Night', 'Morning', 'Year', 'Summer',
  'Archive', 'Atlas', 'Compass', 'Feather', 'Wolf', 'Fox', 'Raven', 'Owl', 'Horse', 'Whale', 'Tide', 'Valley',
];

export const PLACES = [
  'Paris', 'Venice', 'Kyoto', 'Lisbon', 'Vienna', 'Cairo', 'Havana', 'Oslo', 'Prague', 'Dublin', 'Istanbul',
  'Marrakesh', 'Berlin', 'Edinburgh', 'Buenos Aires', 'Montreal', 'Sicily', 'Provence', 'Patagonia', 'Tuscany',
];

export const TOPICS = [
  'Economics', 'Leadership', 'Statistics', 'Machine Learning', 'Databases', 'Cooking', 'Gardening', 'Photography',
  'Architecture', 'Climate', 'Memory', 'Sleep', 'Habits', 'Negotiation', 'Design', 'Writing', 'Algorithms',
  'Nutrition', 'Astronomy', 'Evolution', 'Money', 'Cities', 'Music', 'Chess', 'Running', 'Philosophy', 'Startups',
];

export const SUBTITLES = [
  'A Novel', 'A Memoir', 'Stories', 'A Mystery', 'A Thriller', 'Poems', 'A History', 'A Love Story',
  'An Introduction', 'A Practical Guide', 'Essays', 'A Biography', 'The Complete Edition', 'Book One',
];

export const PUBLISHER_WORDS = [
  'Harbor', 'Lantern', 'Meridian', 'Northwind', 'Oak', 'Pinecone', 'Quill', 'Riverside', 'Saffron', 'Tidewater',
  'Willow', 'Atlas', 'Beacon', 'Cobalt', 'Driftwood', 'Ember', 'Fable', 'Granite', 'Heron', 'Ironwood', 'Juniper',
  'Kestrel', 'Larch', 'Marigold', 'Nightjar', 'Orchid', 'Pilgrim', 'Redwood', 'Sparrow', 'Thistle', 'Umber',
];

export const PUBLISHER_SUFFIXES = ['Press', 'Books', 'Publishing', '& Sons', 'House', 'Editions', 'Media', 'Library'];

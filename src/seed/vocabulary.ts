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
  'Hana', 'Hannah', 'Hugo', 'Ines', 'Isaac', 'Ivan', 'Jack', 'James', 'Jana', 'Javier', 'Jonas', 'Julia',
  'Kai', 'Kenji', 'Lara', 'Layla', 'Leo', 'Liam', 'Lina', 'Lucas', 'Lucia', 'Maya', 'Marco', 'Margaret',
  'Maria', 'Mateo', 'Mei', 'Mia', 'Mohammed', 'Nadia', 'Naomi', 'Nia', 'Noah', 'Nora', 'Olivia', 'Omar',
  'Oscar', 'Paul', 'Priya', 'Rafael', 'Rosa', 'Ruth', 'Sam', 'Sara', 'Sebastian', 'Sofia', 'Stella', 'Theo',
  'Thomas', 'Valentina', 'Victor', 'Vivian', 'Wei', 'William', 'Yara', 'Yusuf', 'Zara', 'Zoe', 'Agnes', 'Bruno',
  'Cecilia', 'Dorothy', 'Edgar', 'Flora', 'George', 'Helen', 'Irene', 'Joseph', 'Karl', 'Louise', 'Martin', 'Nina',
  'Otto', 'Pia', 'Quentin', 'Abel', 'Adrian', 'Aiko', 'Alba', 'Alexei', 'Amelia', 'Anders', 'Andrea', 'Anton',
  'Ari', 'Arthur', 'Aurora', 'Axel', 'Bianca', 'Boris', 'Brigid', 'Caleb', 'Carmen', 'Cyrus', 'Dalia', 'Dario',
  'Diego', 'Edith', 'Eero', 'Eliza', 'Elsa', 'Emil', 'Enzo', 'Esther', 'Eva', 'Farah', 'Fiona', 'Gideon',
  'Greta', 'Hassan', 'Hazel', 'Henrik', 'Ida', 'Ingrid', 'Iris', 'Isla', 'Jasper', 'Joaquin', 'Johan', 'Jude',
  'Kaito', 'Kamala', 'Keira', 'Klara', 'Lars', 'Lena', 'Leila', 'Lorenzo', 'Magnus', 'Malik', 'Marta', 'Matilda',
  'Miriam', 'Nils', 'Oona', 'Orla', 'Pablo', 'Petra', 'Rhea', 'Rohan', 'Rune', 'Saoirse', 'Selma', 'Silas',
  'Soren', 'Tariq', 'Tessa', 'Tomas', 'Ulla', 'Vera', 'Wanda', 'Xavier', 'Yuki', 'Zainab',
];

export const LAST_NAMES = [
  'Abbott', 'Adeyemi', 'Alvarez', 'Andersen', 'Baker', 'Barnes', 'Becker', 'Bennett', 'Bianchi', 'Blake', 'Brooks', 'Bruno',
  'Carter', 'Castillo', 'Chen', 'Clarke', 'Cohen', 'Costa', 'Dalton', 'Das', 'Dubois', 'Duarte', 'Eriksen', 'Evans',
  'Fischer', 'Fontaine', 'Ford', 'Garcia', 'Gardner', 'Green', 'Gupta', 'Hale', 'Hansen', 'Hayes', 'Hoffmann', 'Holm',
  'Hughes', 'Ibrahim', 'Ito', 'Jensen', 'Johansson', 'Kaur', 'Keller', 'Kim', 'Klein', 'Kowalski', 'Lambert', 'Larsen',
  'Laurent', 'Lee', 'Lindqvist', 'Lopez', 'Marsh', 'Martin', 'Meyer', 'Moreau', 'Morgan', 'Murphy', 'Nakamura', 'Nguyen',
  'Novak', 'Okafor', 'Olsen', 'Ortiz', 'Park', 'Patel', 'Perez', 'Petrov', 'Quinn', 'Reed', 'Reyes', 'Rossi',
  'Russo', 'Sato', 'Schmidt', 'Schneider', 'Shah', 'Silva', 'Singh', 'Sorensen', 'Stone', 'Suzuki', 'Tanaka', 'Thompson',
  'Torres', 'Turner', 'Vargas', 'Vogel', 'Wagner', 'Walsh', 'Weber', 'Wolf', 'Wright', 'Yamamoto', 'Young', 'Zhang',
  'Ziegler', 'Hartley', 'Whitmore', 'Ashford', 'Pemberton', 'Lindgren', 'Achterberg', 'Aguilar', 'Ahmed', 'Albrecht', 'Alder', 'Almeida',
  'Arnaud', 'Aschenbach', 'Bakker', 'Banerjee', 'Barros', 'Bauer', 'Beaumont', 'Bergstrom', 'Blackwood', 'Bonnet', 'Brandt', 'Brennan',
  'Calloway', 'Carvalho', 'Castellano', 'Chandra', 'Chowdhury', 'Cruz', 'Dahl', 'Delacroix', 'Desai', 'Dimitrov', 'Donovan', 'Eastwood',
  'Eklund', 'Falk', 'Farrell', 'Fernandes', 'Ferrante', 'Fitzgerald', 'Fonseca', 'Forsberg', 'Gallagher', 'Gallo', 'Gomes', 'Grant',
  'Greco', 'Haas', 'Halvorsen', 'Harrington', 'Herrera', 'Hirsch', 'Holloway', 'Horvath', 'Huber', 'Iyer', 'Jovanovic', 'Kapoor',
  'Karlsson', 'Kavanagh', 'Kessler', 'Koch', 'Kovacs', 'Kruger', 'Lange', 'Lehmann', 'Leone', 'Lindberg', 'Lund', 'Mackenzie',
  'Maddox', 'Mancini', 'Marino', 'Mendes', 'Mercer', 'Molina', 'Monroe', 'Moretti', 'Nakagawa', 'Navarro', 'Nielsen', 'Nowak',
  'Oconnor', 'Oliveira', 'Osei', 'Pacheco', 'Pereira', 'Pham', 'Pretorius', 'Ramirez', 'Rao', 'Ricci', 'Richter', 'Rinaldi',
  'Rojas', 'Romano', 'Sandberg', 'Santos', 'Schultz', 'Serrano', 'Sherwood', 'Sokolov', 'Strand', 'Sullivan', 'Sutherland', 'Takahashi',
  'Thorne', 'Valente', 'Vance', 'Varga', 'Vasquez', 'Vidal', 'Voss', 'Wallace', 'Watanabe', 'Wei', 'Whitfield', 'Winter',
  'Yilmaz', 'Zimmermann',
];

export const ADJECTIVES = [
  'Silent', 'Hidden', 'Last', 'Lost', 'Broken', 'Golden', 'Secret', 'Distant', 'Quiet', 'Burning', 'Winter', 'Summer',
  'Forgotten', 'Endless', 'Crimson', 'Wild', 'Hollow', 'Bright', 'Dark', 'Little', 'Great', 'Long', 'Shattered', 'Sacred',
  'Wandering', 'Invisible', 'Midnight', 'Northern', 'Southern', 'Iron', 'Glass', 'Paper', 'Salt', 'Stolen', 'Second', 'First',
  'Final', 'Restless', 'Gentle', 'Bitter', 'Sweet', 'Deep', 'Falling', 'Rising', 'Empty', 'Painted', 'Unfinished', 'Curious',
  'Impossible', 'Ordinary', 'Strange', 'Ancient', 'Autumn', 'Blue', 'Brave', 'Calm', 'Careless', 'Cold', 'Crooked', 'Cruel',
  'Dangerous', 'Dear', 'Drowned', 'Dusty', 'Eastern', 'Electric', 'Emerald', 'Enchanted', 'Eternal', 'Faded', 'Faithful', 'Fallen',
  'Famous', 'Fierce', 'Fragile', 'Free', 'Frozen', 'Gilded', 'Gray', 'Green', 'Grieving', 'Hungry', 'Idle', 'Innocent',
  'Jade', 'Kind', 'Lonely', 'Loyal', 'Lucky', 'Marble', 'Merry', 'Mighty', 'Missing', 'Modern', 'Mysterious', 'Narrow',
  'New', 'Noble', 'Old', 'Open', 'Pale', 'Patient', 'Perfect', 'Poor', 'Private', 'Proud', 'Quick', 'Rare',
  'Reckless', 'Red', 'Rich', 'Royal', 'Rusted', 'Savage', 'Scarlet', 'Secondhand', 'Seventh', 'Sharp', 'Silver', 'Simple',
  'Sleeping', 'Slow', 'Small', 'Solitary', 'Splendid', 'Steady', 'Stormy', 'Sunken', 'Tender', 'Third', 'Tiny', 'True',
  'Twisted', 'Velvet', 'Violet', 'Vanishing', 'Wicked', 'Western', 'White', 'Wise', 'Wooden', 'Yellow', 'Young',
];

export const NOUNS = [
  'House', 'River', 'Garden', 'City', 'Sea', 'Mountain', 'Forest', 'Island', 'Road', 'Letter', 'Map', 'Song',
  'Key', 'Door', 'Window', 'Bridge', 'Storm', 'Light', 'Shadow', 'Fire', 'Stone', 'Star', 'Moon', 'Sun',
  'Clock', 'Mirror', 'Library', 'Orchard', 'Harbor', 'Lighthouse', 'Kingdom', 'Empire', 'Crown', 'Sword', 'Ship', 'Train',
  'Daughter', 'Son', 'Mother', 'Father', 'Sister', 'Brother', 'Queen', 'King', 'Witch', 'Stranger', 'Traveler', 'Detective',
  'Doctor', 'Teacher', 'Painter', 'Gardener', 'Thief', 'Soldier', 'Child', 'Memory', 'Promise', 'Secret', 'Silence', 'Truth',
  'Dream', 'Journey', 'Night', 'Morning', 'Year', 'Archive', 'Atlas', 'Compass', 'Feather', 'Wolf', 'Fox', 'Raven',
  'Owl', 'Horse', 'Whale', 'Tide', 'Valley', 'Abbey', 'Acre', 'Alley', 'Amber', 'Anchor', 'Angel', 'Apple',
  'Arch', 'Arrow', 'Ash', 'Attic', 'Autumn', 'Avalanche', 'Badge', 'Ballad', 'Balcony', 'Banner', 'Barn', 'Basket',
  'Bay', 'Beach', 'Bear', 'Bell', 'Birch', 'Bird', 'Blade', 'Blossom', 'Boat', 'Bone', 'Book', 'Border',
  'Bottle', 'Boundary', 'Branch', 'Bread', 'Breath', 'Breeze', 'Brick', 'Bride', 'Cabin', 'Cage', 'Candle', 'Canyon',
  'Captain', 'Cardinal', 'Carnival', 'Carpet', 'Castle', 'Cathedral', 'Cave', 'Cellar', 'Chapel', 'Chariot', 'Cherry', 'Chimney',
  'Circle', 'Cliff', 'Cloak', 'Cloud', 'Coast', 'Coin', 'Comet', 'Copper', 'Coral', 'Cottage', 'Country', 'Court',
  'Cradle', 'Crane', 'Creek', 'Crossing', 'Crow', 'Crystal', 'Cup', 'Current', 'Curtain', 'Dagger', 'Dancer', 'Dawn',
  'Deer', 'Delta', 'Desert', 'Diamond', 'Diary', 'Ditch', 'Dove', 'Dragon', 'Drum', 'Dune', 'Dust', 'Eagle',
  'Earth', 'Echo', 'Eclipse', 'Edge', 'Elm', 'Ember', 'Engine', 'Envelope', 'Estate', 'Falcon', 'Farm', 'Fence',
  'Ferry', 'Field', 'Flame', 'Fleet', 'Flood', 'Flower', 'Fog', 'Fountain', 'Frost', 'Fugitive', 'Gate', 'Ghost',
  'Giant', 'Glacier', 'Glass', 'Glove', 'Goat', 'Gold', 'Grave', 'Guardian', 'Gull', 'Hammer', 'Hand', 'Harvest',
  'Hawk', 'Heart', 'Hearth', 'Heath', 'Hedge', 'Heir', 'Hill', 'Hollow', 'Honey', 'Horizon', 'Hound', 'Hunter',
  'Ice', 'Inn', 'Ivy', 'Jewel', 'Judge', 'Jungle', 'Keeper', 'Kettle', 'Knife', 'Knight', 'Lake', 'Lamp',
  'Lantern', 'Lark', 'Leaf', 'Legend', 'Lily', 'Lion', 'Locket', 'Lodge', 'Loom', 'Lullaby', 'Manor', 'Marsh',
  'Mask', 'Meadow', 'Merchant', 'Mill', 'Miner', 'Mist', 'Monk', 'Moth', 'Nest', 'Oak', 'Ocean', 'Oracle',
  'Orphan', 'Palace', 'Path', 'Pearl', 'Pilgrim', 'Pine', 'Pirate', 'Plain', 'Poet', 'Pond', 'Prince', 'Princess',
  'Prophet', 'Quarry', 'Rain', 'Ranch', 'Reef', 'Ribbon', 'Ridge', 'Ring', 'Rival', 'Robin', 'Rose', 'Ruin',
  'Sail', 'Saint', 'Sand', 'Scar', 'Scholar', 'Shell', 'Shepherd', 'Shore', 'Signal', 'Silk', 'Sky', 'Slate',
  'Snow', 'Spark', 'Spider', 'Spire', 'Spring', 'Stag', 'Station', 'Steeple', 'Stream', 'Street', 'Summit', 'Swan',
  'Tailor', 'Temple', 'Thorn', 'Thread', 'Throne', 'Thunder', 'Tiger', 'Tower', 'Trail', 'Tree', 'Twin', 'Veil',
  'Vine', 'Violin', 'Voyage', 'Wanderer', 'Warden', 'Water', 'Wave', 'Weaver', 'Well', 'Widow', 'Willow', 'Wind',
  'Wing', 'Winter', 'Summer', 'Woman', 'Man', 'Wreck', 'Yard',
];

export const PLACES = [
  'Paris', 'Venice', 'Kyoto', 'Lisbon', 'Vienna', 'Cairo', 'Havana', 'Oslo', 'Prague', 'Dublin', 'Istanbul', 'Marrakesh',
  'Berlin', 'Edinburgh', 'Montreal', 'Sicily', 'Provence', 'Patagonia', 'Tuscany', 'Alexandria', 'Amsterdam', 'Athens', 'Bali', 'Barcelona',
  'Bombay', 'Bruges', 'Budapest', 'Casablanca', 'Cornwall', 'Crete', 'Damascus', 'Florence', 'Geneva', 'Granada', 'Hamburg', 'Helsinki',
  'Iceland', 'Jerusalem', 'Kashmir', 'Krakow', 'Lagos', 'London', 'Madrid', 'Malta', 'Manhattan', 'Naples', 'Nairobi', 'Normandy',
  'Odessa', 'Palermo', 'Peking', 'Quebec', 'Riga', 'Rome', 'Saigon', 'Salzburg', 'Samarkand', 'Seville', 'Shanghai', 'Siberia',
  'Stockholm', 'Tangier', 'Tokyo', 'Trieste', 'Valencia', 'Verona', 'Warsaw', 'Yorkshire', 'Zanzibar',
];

export const TOPICS = [
  'Economics', 'Leadership', 'Statistics', 'Cooking', 'Gardening', 'Photography', 'Architecture', 'Climate', 'Memory', 'Sleep', 'Habits', 'Negotiation',
  'Design', 'Writing', 'Algorithms', 'Nutrition', 'Astronomy', 'Evolution', 'Money', 'Cities', 'Music', 'Chess', 'Running', 'Philosophy',
  'Startups', 'Anatomy', 'Archaeology', 'Baking', 'Beekeeping', 'Biology', 'Calculus', 'Cartography', 'Ceramics', 'Chemistry', 'Cryptography', 'Databases',
  'Democracy', 'Ecology', 'Energy', 'Ethics', 'Fermentation', 'Finance', 'Forestry', 'Genetics', 'Geology', 'Grammar', 'Happiness', 'Immunology',
  'Investing', 'Journalism', 'Kindness', 'Languages', 'Law', 'Linguistics', 'Logic', 'Marketing', 'Meditation', 'Microbiology', 'Mindfulness', 'Mythology',
  'Neuroscience', 'Oceans', 'Optics', 'Parenting', 'Persuasion', 'Physics', 'Poetry', 'Probability', 'Programming', 'Psychology', 'Quantum', 'Robotics',
  'Sculpture', 'Sociology', 'Strategy', 'Taxes', 'Teaching', 'Theatre', 'Typography', 'Urbanism', 'Volcanoes', 'Weather', 'Wine', 'Yoga',
  'Accounting', 'Acoustics', 'Aging', 'Agriculture', 'Animation', 'Anthropology', 'Aviation', 'Ballet', 'Banking', 'Birdwatching', 'Botany', 'Bridges',
  'Calligraphy', 'Camping', 'Carpentry', 'Cartoons', 'Cheese', 'Childhood', 'Cinema', 'Coding', 'Coffee', 'Comedy', 'Composting', 'Conflict',
  'Cosmology', 'Creativity', 'Crime', 'Cycling', 'Dance', 'Diplomacy', 'Dogs', 'Drawing', 'Education', 'Elections', 'Embroidery', 'Empathy',
  'Engineering', 'Espionage', 'Fashion', 'Fishing', 'Folklore', 'Friendship', 'Gaming', 'Geometry', 'Glassmaking', 'Grief', 'Hiking', 'Hospitality',
  'Housing', 'Humor', 'Insects', 'Inventions', 'Islands', 'Jazz', 'Knitting', 'Landscapes', 'Libraries', 'Lighthouses', 'Maps', 'Markets',
  'Medicine', 'Migration', 'Mountaineering', 'Museums', 'Navigation', 'Opera', 'Painting', 'Perfume', 'Pottery', 'Printing', 'Railways', 'Recipes',
  'Rivers', 'Sailing', 'Satire', 'Sewing', 'Skiing', 'Soap', 'Sound', 'Spices', 'Swimming', 'Tea', 'Textiles', 'Trees',
  'Volunteering', 'Whales', 'Woodworking', 'Zoology',
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

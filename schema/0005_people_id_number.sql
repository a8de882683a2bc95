-- ID numbers are looked up on every person added or changed: two people may not share one.
-- Not UNIQUE: a database from before that rule may hold a shared number, which must still migrate
-- (the library refuses a new duplicate and names the person who holds the number).
CREATE INDEX people_id_number ON people(id_number) WHERE id_number IS NOT NULL;

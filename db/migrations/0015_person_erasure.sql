-- The erasure of a person (design.md §3, lib/people/erase.ts): their document objects
-- are deleted from S3 right after the erasure commits; this queue holds the job that
-- the same transaction leaves behind, which deletes whatever is still there (a store
-- that failed, a crash between the commit and the deletes). Idempotent.
SELECT pgboss.create_queue('person.erase_objects', '{"policy":"standard"}');

-- Backups are taken as weidesk_maint (pg_dump --role=weidesk_maint, README "Backup and
-- restore", ADR 0018): BYPASSRLS lets it read every tenant's rows, and pg_dump also needs
-- SELECT on every table and sequence it dumps, the migrations journal (schema drizzle) and
-- the job queue (schema pgboss) included. Read only: nothing here lets it change a row.
GRANT USAGE ON SCHEMA drizzle, pgboss TO weidesk_maint;
--> statement-breakpoint
GRANT SELECT ON ALL TABLES IN SCHEMA public, drizzle, pgboss TO weidesk_maint;
--> statement-breakpoint
GRANT SELECT ON ALL SEQUENCES IN SCHEMA public, drizzle, pgboss TO weidesk_maint;
--> statement-breakpoint
-- Tables a later migration makes (and pg-boss's per-queue partitions) are readable too.
ALTER DEFAULT PRIVILEGES FOR ROLE weidesk_owner IN SCHEMA public, drizzle, pgboss
  GRANT SELECT ON TABLES TO weidesk_maint;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES FOR ROLE weidesk_owner IN SCHEMA public, drizzle, pgboss
  GRANT SELECT ON SEQUENCES TO weidesk_maint;

-- Steps are the most written rows (one per node a run passes, 1,000 for a batch of 500 runs
-- through two nodes). Their foreign key to runs checked every inserted step with a query of
-- its own (SELECT … FOR KEY SHARE on the run): 16–22 ms of a 1,000-step insert, 7–8 ms
-- without it. Steps are only written by the batch that holds their run's row lock, so the
-- check never found anything wrong; what the key also did, deleting a run's steps with it
-- (flow, contact and retention deletes), is kept by a statement-level trigger that deletes
-- the steps of all the runs one statement removed, in one statement.
alter table steps drop constraint steps_run_id_fkey;

create function kairos_delete_steps_of_deleted_runs() returns trigger language plpgsql as $$
begin
  delete from steps where run_id in (select id from deleted_runs);
  return null;
end $$;

create trigger runs_delete_steps after delete on runs
  referencing old table as deleted_runs
  for each statement execute function kairos_delete_steps_of_deleted_runs();

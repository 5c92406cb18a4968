-- Round robin gave a contact to the available rep with the oldest `last_assigned_at` (issue 12).
-- One advance transaction assigns up to 500 runs at the same clock instant, so every stamp it
-- wrote was equal and each tie went to the lower id: 30 leads posted together went 29 / 1.
-- A sequence number cannot tie: each assignment takes the next value, and the rep with the
-- lowest one (0: never assigned) goes next. Reps keep their order: those assigned before get
-- numbers in the order of their stamps.
create sequence sales_reps_assign_seq;

alter table sales_reps add column assign_seq bigint not null default 0;

update sales_reps r set assign_seq = ordered.n
  from (select id, row_number() over (order by last_assigned_at, id) as n from sales_reps where last_assigned_at > '-infinity') ordered
  where r.id = ordered.id;

select setval('sales_reps_assign_seq', (select coalesce(max(assign_seq), 0) + 1 from sales_reps), false);

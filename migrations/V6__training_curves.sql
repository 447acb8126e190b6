-- The classifier lab shows every run's curves and, while it trains, its latest weights. Workers on any machine
-- store both with their heartbeat, so every web server (and a restarted one) sees the same run.

-- little-endian float32 points of 4 values: epochs done (fractional), loss, train accuracy, test accuracy (NaN
-- between epoch ends)
alter table ml_training_job add column curve bytea;
-- W (classes x 3072, row-major) as of the latest progress event, cleared when the job ends (the model keeps the rest)
alter table ml_training_job add column progress_weights bytea;

-- what the lab lists: a member's runs in a course, and a course's runs for its staff, newest first
create index ml_job_course_owner on ml_training_job (course_id, owner_id, submitted_at desc);

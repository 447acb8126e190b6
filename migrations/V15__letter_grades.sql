-- Final letter grades: a course's letter scale (each letter from a minimum weighted total) and the quotas of relative
-- grading (at most so many percent of the graded students at or above a letter), saved as one set with a version so
-- two instructors saving at once cannot overwrite each other unseen. A course without a row uses the default scale.
create table letter_scale (
    course_id  bigint      primary key references course (id) on delete cascade,
    version    integer     not null check (version > 0),
    updated_by bigint      references app_user (id) on delete set null,
    updated_at timestamptz not null
);

-- The letters from the best down; the last one starts at 0, so every total gets a letter.
create table letter_cutoff (
    course_id bigint        not null references letter_scale (course_id) on delete cascade,
    position  integer       not null,
    letter    varchar(8)    not null,
    minimum   numeric(5, 2) not null check (minimum >= 0 and minimum <= 100),
    primary key (course_id, position)
);

create unique index letter_cutoff_letter on letter_cutoff (course_id, lower(letter));

-- Cumulative quotas: at most max_percent of the graded students may get through_letter or a better one.
create table letter_quota (
    course_id      bigint        not null references letter_scale (course_id) on delete cascade,
    position       integer       not null,
    through_letter varchar(8)    not null,
    max_percent    numeric(5, 2) not null check (max_percent >= 0 and max_percent <= 100),
    primary key (course_id, position)
);

-- A course starts neutral: its grading policy (weights and homework counts) and its team rules are empty until an
-- instructor enters them, instead of carrying another course's numbers. Existing courses keep what they have.
-- Each group is entered whole or not at all.

alter table course
    alter column attendance_weight     drop not null, alter column attendance_weight     drop default,
    alter column midterm_weight        drop not null, alter column midterm_weight        drop default,
    alter column final_weight          drop not null, alter column final_weight          drop default,
    alter column homework_weight       drop not null, alter column homework_weight       drop default,
    alter column programming_homeworks drop not null, alter column programming_homeworks drop default,
    alter column paper_reviews         drop not null, alter column paper_reviews         drop default,
    alter column team_min_size         drop not null, alter column team_min_size         drop default,
    alter column team_max_size         drop not null, alter column team_max_size         drop default,
    alter column presentation_minutes  drop not null, alter column presentation_minutes  drop default,
    add constraint course_grading_whole check (num_nulls(attendance_weight, midterm_weight, final_weight,
        homework_weight, programming_homeworks, paper_reviews) in (0, 6)),
    add constraint course_team_rules_whole check (num_nulls(team_min_size, team_max_size, presentation_minutes) in (0, 3));

-- Members are found by name and student number on the members page.
create index app_user_student_id on app_user (lower(student_id));

-- What an editor typed and has not saved yet, one row per user and document (a lecture, a course's home page), so
-- that a closed tab, a crash or a server restart loses nothing. Written a few seconds after typing stops; removed
-- when the document is saved or the draft is discarded.
create table editor_draft (
    user_id      bigint      not null references app_user (id) on delete cascade,
    -- what kind of document: 'lecture' (document_id: the lecture) or 'course-home' (document_id: the course)
    kind         varchar(32) not null,
    document_id  bigint      not null,
    course_id    bigint      not null references course (id) on delete cascade,
    -- the form's fields as a JSON object: field name -> value as text
    fields       text        not null check (length(fields) <= 2000000),
    -- the document's version when the edit began, to tell whether someone saved since
    base_version integer     not null,
    saved_at     timestamptz not null,
    primary key (user_id, kind, document_id)
);

create index editor_draft_course on editor_draft (course_id);

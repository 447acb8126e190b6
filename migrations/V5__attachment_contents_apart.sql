-- Attachment contents move out of the row that lists them: a listing (or a delete) can then never read the bytes,
-- and a download reads one chunk at a time instead of the whole file at once. Chunks go with their attachment.

create table lecture_attachment_chunk (
    attachment_id bigint  not null references lecture_attachment (id) on delete cascade,
    seq           integer not null check (seq >= 0),
    data          bytea   not null,
    primary key (attachment_id, seq)
);

-- 256 KiB per chunk, the size LectureService writes.
insert into lecture_attachment_chunk (attachment_id, seq, data)
select a.id, s.seq, substring(a.content from s.seq * 262144 + 1 for 262144)
from lecture_attachment a
cross join lateral generate_series(0, (length(a.content) - 1) / 262144) as s(seq);

alter table lecture_attachment drop column content;

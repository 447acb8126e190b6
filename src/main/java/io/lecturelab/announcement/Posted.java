package io.lecturelab.announcement;

/** A new announcement and how many e-mails about it will be sent (0 when e-mail is off or was not asked for). */
public record Posted(long id, int mailed) {
}

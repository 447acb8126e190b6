/** E-mail from the app: an outbox in the database, sent after commit through SMTP when a server is configured. */
package io.lecturelab.mail;

/** The classifier on a worker server, reached over REST; which classifier the application uses. */
package io.lecturelab.ml.remote;

/** What every feature shares: configuration, time, translations, Markdown, the embedded database, errors. */
package io.lecturelab.base;

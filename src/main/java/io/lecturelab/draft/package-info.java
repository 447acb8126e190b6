/**
 * Unsaved edits kept in the database per user and document, offered back after a closed tab, a crash or a server
 * restart. Features say who may edit their documents through {@link io.lecturelab.draft.DraftAccess}.
 */
package io.lecturelab.draft;

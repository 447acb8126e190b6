/** The editor side of drafts: saving as the user types, asking before leaving, offering a kept draft back. */
package io.lecturelab.draft.ui;

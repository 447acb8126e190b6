/** The signed-in user's own account page: password and language. */
package io.lecturelab.account.ui;

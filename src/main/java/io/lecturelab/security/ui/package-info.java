/** Sign-in page, the navigation guard, the language switch and who is signed in. */
package io.lecturelab.security.ui;

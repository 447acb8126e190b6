/** Accounts, passwords, sign-in, and the rules that decide who may open which view. */
package io.lecturelab.security;

/** The classifier lab: students train and probe lecture 1's softmax classifier, staff watch their class. */
package io.lecturelab.lab;

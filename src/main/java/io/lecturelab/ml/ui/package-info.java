/** The administrator's machine-learning page: engine settings and the CIFAR-10 data with its download. */
package io.lecturelab.ml.ui;

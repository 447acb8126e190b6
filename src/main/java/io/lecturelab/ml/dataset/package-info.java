/** Keeps the CIFAR-10 folder complete: checks it, downloads and unpacks the archive when asked or at start-up. */
package io.lecturelab.ml.dataset;

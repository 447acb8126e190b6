/** The REST boundary of the ML workers under /api/ml, guarded by a service token and described in OpenAPI. */
package io.lecturelab.ml.api;

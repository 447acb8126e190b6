package io.lecturelab.ml.queue;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
class StoredModelRepository implements PanacheRepository<StoredModel> {
}

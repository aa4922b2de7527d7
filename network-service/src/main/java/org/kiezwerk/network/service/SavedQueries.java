package org.kiezwerk.network.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.kiezwerk.network.domain.SavedQuery;
import org.kiezwerk.network.graph.SavedQueryGraph;

/** Analysts' queries kept under a name; only plain reads are kept. */
@ApplicationScoped
public class SavedQueries {

    @Inject
    SavedQueryGraph saved;

    public List<SavedQuery> all() {
        return saved.all();
    }

    public Optional<SavedQuery> find(String name) {
        return saved.find(name);
    }

    /** Whether it is new (not a replacement). */
    public boolean save(SavedQuery query) {
        return saved.save(query);
    }

    public boolean delete(String name) {
        return saved.delete(name);
    }
}

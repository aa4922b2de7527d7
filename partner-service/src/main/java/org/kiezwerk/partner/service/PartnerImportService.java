package org.kiezwerk.partner.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.kiezwerk.partner.domain.ImportMapping;
import org.kiezwerk.partner.domain.InvalidReferenceException;
import org.kiezwerk.partner.domain.InvalidRowException;
import org.kiezwerk.partner.domain.LikelyDuplicateException;
import org.kiezwerk.partner.domain.NotFoundException;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.PartnerImport;
import org.kiezwerk.partner.domain.Taxonomy;
import org.kiezwerk.partner.repository.NeighbourhoodRepository;
import org.kiezwerk.partner.repository.PartnerImportRepository;
import org.kiezwerk.partner.repository.TaxonomyTermRepository;

/**
 * Bulk imports: the upload is checked and stored as a job at once; a worker writes row after row,
 * each in its own transaction together with the job's progress, so good rows are kept whatever the
 * bad ones do, and a restart resumes after the last written row. A dry run checks every row the
 * same way (references, duplicates included) and rolls each back.
 */
@ApplicationScoped
public class PartnerImportService {

    private static final Logger LOG = Logger.getLogger(PartnerImportService.class);

    @Inject
    PartnerImportRepository imports;

    @Inject
    PartnerService partners;

    @Inject
    ImportRowDecoder decoder;

    @Inject
    HsdsImportService hsds;

    @Inject
    NeighbourhoodRepository neighbourhoods;

    @Inject
    TaxonomyTermRepository terms;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Transactional
    public PartnerImport submit(PartnerImport.Format format, boolean dryRun, boolean duplicateCheck,
            String defaultNeighbourhood, String defaultKind, ImportMapping mapping, String content, String requestId) {
        List<ImportRows.Row> rows = ImportRows.parse(format, content);
        if (rows.isEmpty()) {
            throw new ImportRows.UnreadableFileException("the file holds no rows to import");
        }
        if (mapping != null) {
            checkReferences(mapping);
        }
        PartnerImport job = new PartnerImport();
        job.id = UUID.randomUUID();
        job.format = format;
        job.dryRun = dryRun;
        job.duplicateCheck = duplicateCheck;
        job.defaultNeighbourhood = defaultNeighbourhood;
        job.defaultKind = defaultKind;
        job.mapping = mapping;
        job.status = PartnerImport.Status.QUEUED;
        job.content = content;
        job.totalRows = rows.size();
        job.requestId = requestId;
        job.createdAt = Partner.now();
        imports.persist(job);
        return job;
    }

    /** The mapping names neighbourhoods and terms the directory has: a job that would fail every row is refused at once. */
    private void checkReferences(ImportMapping mapping) {
        List<InvalidReferenceException.FieldProblem> problems = new ArrayList<>();
        Set<String> areas = new TreeSet<>(mapping.areas().values());
        Set<String> known = neighbourhoods.findByCodes(areas).stream().map(n -> n.code)
                .collect(Collectors.toSet());
        areas.stream().filter(code -> !known.contains(code)).forEach(code -> problems.add(new InvalidReferenceException.FieldProblem(
                "areaMap", "there is no neighbourhood with code '" + code + "'")));
        Set<String> wanted = new TreeSet<>(mapping.terms().values());
        if (mapping.category() != null) {
            wanted.add(mapping.category());
        }
        Set<String> categories = terms.findByCodes(Taxonomy.OFFER_CATEGORIES, wanted)
                .stream().map(t -> t.code).collect(Collectors.toSet());
        Set<String> groups = terms.findByCodes(Taxonomy.TARGET_GROUPS, wanted)
                .stream().map(t -> t.code).collect(Collectors.toSet());
        if (mapping.category() != null && !categories.contains(mapping.category())) {
            problems.add(new InvalidReferenceException.FieldProblem("category", "there is no offer category '"
                    + mapping.category() + "' (see /api/v1/taxonomies/offer_categories/terms)"));
        }
        new TreeSet<>(mapping.terms().values()).stream()
                .filter(code -> !categories.contains(code) && !groups.contains(code))
                .forEach(code -> problems.add(new InvalidReferenceException.FieldProblem("termMap", "there is no offer category"
                        + " or target group '" + code + "'")));
        if (!problems.isEmpty()) {
            throw new InvalidReferenceException(problems);
        }
    }

    @Transactional
    public PartnerImport get(UUID id) {
        return imports.findByIdOptional(id).orElseThrow(() -> new NotFoundException("import", id));
    }

    @Scheduled(every = "${kiezwerk.imports.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void work() {
        Optional<UUID> next;
        while ((next = QuarkusTransaction.requiringNew().call(this::claim)).isPresent()) {
            run(next.get());
        }
    }

    private Optional<UUID> claim() {
        return imports.claimNext().map(job -> {
            job.status = PartnerImport.Status.RUNNING;
            job.heartbeatAt = Partner.now();
            return job.id;
        });
    }

    void run(UUID id) {
        PartnerImport job = QuarkusTransaction.requiringNew().call(() -> {
            PartnerImport found = imports.findById(id);
            found.content.length(); // lazy: the file is loaded here, before the job leaves the transaction
            em.detach(found);
            return found;
        });
        List<ImportRows.Row> rows;
        try {
            rows = ImportRows.parse(job.format, job.content);
        } catch (ImportRows.UnreadableFileException e) {
            QuarkusTransaction.requiringNew().run(() -> finish(id, PartnerImport.Status.FAILED, e.getMessage()));
            return;
        }
        for (int i = job.processed; i < rows.size(); i++) {
            ImportRows.Row row = rows.get(i);
            int processed = i + 1;
            try {
                if (job.dryRun) {
                    Written written;
                    try {
                        QuarkusTransaction.requiringNew().run(() -> {
                            throw new DryRun(write(job, row));
                        });
                        throw new IllegalStateException("unreachable");
                    } catch (DryRun rolledBack) {
                        written = rolledBack.written;
                    }
                    QuarkusTransaction.requiringNew().run(() -> progress(id, processed, row.number(), written));
                } else {
                    QuarkusTransaction.requiringNew().run(() -> progress(id, processed, row.number(), write(job, row)));
                }
            } catch (RuntimeException e) {
                QuarkusTransaction.requiringNew().run(() -> failed(id, processed, row.number(), e));
            }
        }
        QuarkusTransaction.requiringNew().run(() -> finish(id, PartnerImport.Status.DONE, null));
    }

    /** Ends a dry run's row transaction with a rollback, carrying what the row would have done. */
    private static final class DryRun extends RuntimeException {
        final Written written;

        DryRun(Written written) {
            super(null, null, false, false);
            this.written = written;
        }
    }

    /** What a row did: created a partner (else updated one), and what it could not keep. */
    private record Written(boolean created, List<InvalidReferenceException.FieldProblem> warnings) {
    }

    private Written write(PartnerImport job, ImportRows.Row row) {
        if (job.format == PartnerImport.Format.HSDS) {
            HsdsRow hsdsRow = decoder.decodeHsds(row, job.mapping);
            HsdsImportService.Outcome outcome = hsds.write(hsdsRow, job.mapping, job.defaultNeighbourhood, job.defaultKind,
                    job.duplicateCheck, job.requestId);
            return new Written(outcome.created(), outcome.warnings());
        }
        PartnerChange change = decoder.decode(row, job.defaultNeighbourhood, job.defaultKind);
        return new Written(partners.upsert(change, job.duplicateCheck, job.requestId), List.of());
    }

    private void progress(UUID id, int processed, int rowNumber, Written written) {
        String warnings;
        try {
            warnings = json.writeValueAsString(written.warnings().stream()
                    .map(w -> new PartnerImport.RowError(rowNumber, w.field(), w.message())).toList());
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
        em.createNativeQuery("update partner_import set processed = :processed, heartbeat_at = now(),"
                        + (written.created() ? " created = created + 1" : " updated = updated + 1")
                        + ", warning_count = warning_count + :count,"
                        + " warnings = case when jsonb_array_length(warnings) < " + PartnerImport.MAX_WARNINGS
                        + " then warnings || cast(:warnings as jsonb) else warnings end where id = :id")
                .setParameter("processed", processed)
                .setParameter("count", written.warnings().size())
                .setParameter("warnings", warnings)
                .setParameter("id", id).executeUpdate();
    }

    private void failed(UUID id, int processed, int rowNumber, RuntimeException e) {
        List<PartnerImport.RowError> errors = rowErrors(rowNumber, e);
        try {
            em.createNativeQuery("update partner_import set processed = :processed, heartbeat_at = now(), failed = failed + 1,"
                            + " errors = case when jsonb_array_length(errors) < " + PartnerImport.MAX_ERRORS
                            + " then errors || cast(:errors as jsonb) else errors end where id = :id")
                    .setParameter("processed", processed)
                    .setParameter("errors", json.writeValueAsString(errors))
                    .setParameter("id", id)
                    .executeUpdate();
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static List<PartnerImport.RowError> rowErrors(int row, RuntimeException e) {
        if (e instanceof InvalidRowException invalid) {
            return invalid.problems().stream().map(p -> new PartnerImport.RowError(row, p.field(), p.message())).toList();
        }
        if (e instanceof InvalidReferenceException invalid) {
            return invalid.problems().stream().map(p -> new PartnerImport.RowError(row, p.field(), p.message())).toList();
        }
        if (e instanceof LikelyDuplicateException duplicate) {
            return List.of(new PartnerImport.RowError(row, "name", "likely a duplicate of " + duplicate.candidates().stream()
                    .map(c -> c.name() + " (" + c.id() + ")").toList() + "; import with duplicateCheck=false to add it anyway"));
        }
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause.getMessage() != null && cause.getMessage().contains("partner_external_id_idx")) {
            return List.of(new PartnerImport.RowError(row, "external_id", "is used by another row being imported at the same time"));
        }
        LOG.warnf(e, "import row %d failed unexpectedly", row);
        return List.of(new PartnerImport.RowError(row, null, "could not be imported: " + cause.getClass().getSimpleName()));
    }

    private void finish(UUID id, PartnerImport.Status status, String error) {
        PartnerImport job = imports.findById(id);
        job.status = status;
        job.finishedAt = Partner.now();
        if (error != null) {
            job.fail(0, null, error);
        }
    }
}

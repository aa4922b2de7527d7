package org.kiezwerk.partner.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.kiezwerk.partner.domain.InvalidReferenceException;
import org.kiezwerk.partner.domain.InvalidRowException;
import org.kiezwerk.partner.domain.LikelyDuplicateException;
import org.kiezwerk.partner.domain.NotFoundException;
import org.kiezwerk.partner.domain.Partner;
import org.kiezwerk.partner.domain.PartnerImport;
import org.kiezwerk.partner.repository.PartnerImportRepository;

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
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Transactional
    public PartnerImport submit(PartnerImport.Format format, boolean dryRun, boolean duplicateCheck,
            String defaultNeighbourhood, String defaultKind, String content, String requestId) {
        List<ImportRows.Row> rows = ImportRows.parse(format, content);
        if (rows.isEmpty()) {
            throw new ImportRows.UnreadableFileException("the file holds no rows to import");
        }
        PartnerImport job = new PartnerImport();
        job.id = UUID.randomUUID();
        job.format = format;
        job.dryRun = dryRun;
        job.duplicateCheck = duplicateCheck;
        job.defaultNeighbourhood = defaultNeighbourhood;
        job.defaultKind = defaultKind;
        job.status = PartnerImport.Status.QUEUED;
        job.content = content;
        job.totalRows = rows.size();
        job.requestId = requestId;
        job.createdAt = Partner.now();
        imports.persist(job);
        return job;
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
                    boolean created;
                    try {
                        QuarkusTransaction.requiringNew().run(() -> {
                            throw new DryRun(write(job, row));
                        });
                        throw new IllegalStateException("unreachable");
                    } catch (DryRun rolledBack) {
                        created = rolledBack.created;
                    }
                    QuarkusTransaction.requiringNew().run(() -> progress(id, processed, created));
                } else {
                    QuarkusTransaction.requiringNew().run(() -> progress(id, processed, write(job, row)));
                }
            } catch (RuntimeException e) {
                QuarkusTransaction.requiringNew().run(() -> failed(id, processed, row.number(), e));
            }
        }
        QuarkusTransaction.requiringNew().run(() -> finish(id, PartnerImport.Status.DONE, null));
    }

    /** Ends a dry run's row transaction with a rollback, carrying what the row would have done. */
    private static final class DryRun extends RuntimeException {
        final boolean created;

        DryRun(boolean created) {
            super(null, null, false, false);
            this.created = created;
        }
    }

    /** Returns whether the row created a partner (else it updated one). */
    private boolean write(PartnerImport job, ImportRows.Row row) {
        PartnerChange change = decoder.decode(row, job.defaultNeighbourhood, job.defaultKind);
        return partners.upsert(change, job.duplicateCheck, job.requestId);
    }

    private void progress(UUID id, int processed, boolean created) {
        em.createNativeQuery("update partner_import set processed = :processed, heartbeat_at = now(),"
                        + (created ? " created = created + 1" : " updated = updated + 1") + " where id = :id")
                .setParameter("processed", processed).setParameter("id", id).executeUpdate();
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

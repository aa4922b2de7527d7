package org.kiezwerk.partner.domain;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A bulk import of partners (CSV or HSDS JSON), run as a job with progress and per-row errors. */
@Entity
@Table(name = "partner_import")
public class PartnerImport {

    public enum Format { CSV, HSDS }

    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    /** A row that was not imported, and why. Row 1 of a CSV file is its header. */
    public record RowError(int row, String field, String message) {
    }

    /** Errors kept per job; beyond that only the count grows. */
    public static final int MAX_ERRORS = 1000;

    /** Warnings (what an imported row lost or how it was mapped) kept per job; beyond that only the count grows. */
    public static final int MAX_WARNINGS = 5000;

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Format format;

    @Column(name = "dry_run", nullable = false)
    public boolean dryRun;

    @Column(name = "duplicate_check", nullable = false)
    public boolean duplicateCheck;

    @Column(name = "default_neighbourhood")
    public String defaultNeighbourhood;

    @Column(name = "default_kind")
    public String defaultKind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /**
     * The file, up to 20 MB: loaded only by the worker that parses it, not with every status read or
     * progress update of the job (each of those held a copy of the file and a 20 MB import ran out of heap).
     */
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    public String content;

    @Column(name = "total_rows", nullable = false)
    public int totalRows;

    @Column(nullable = false)
    public int processed;

    @Column(nullable = false)
    public int created;

    @Column(nullable = false)
    public int updated;

    @Column(nullable = false)
    public int failed;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<RowError> errors = new ArrayList<>();

    /** What was imported with changes, per row and field (HSDS imports); the row itself is imported. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<RowError> warnings = new ArrayList<>();

    @Column(name = "warning_count", nullable = false)
    public int warningCount;

    /** The mapping rules of an HSDS import. */
    @JdbcTypeCode(SqlTypes.JSON)
    public ImportMapping mapping;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Column(name = "heartbeat_at")
    public OffsetDateTime heartbeatAt;

    public void fail(int row, String field, String message) {
        failed++;
        if (errors.size() < MAX_ERRORS) {
            List<RowError> more = new ArrayList<>(errors);
            more.add(new RowError(row, field, message));
            errors = more;
        }
    }
}

package org.kiezwerk.partner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kiezwerk.partner.domain.ImportMapping;
import org.kiezwerk.partner.domain.PartnerImport;

@Schema(name = "PartnerImport", description = "A bulk import job and how far it got.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartnerImportView(UUID id,
        @Schema(enumeration = {"csv", "hsds"}) String format,
        boolean dryRun,
        @Schema(enumeration = {"queued", "running", "done", "failed"}) String status,
        int totalRows, int processed,
        @Schema(description = "Partners created (a dry run: would create).") int created,
        @Schema(description = "Partners updated through their external id (a dry run: would update).") int updated,
        @Schema(description = "Rows not imported; `errors` names why (the first 1000).") int failed,
        List<PartnerImport.RowError> errors,
        @Schema(description = "HSDS: what imported rows could not keep or how they were mapped, per row and field (the first"
                + " 5000 or so); `warningCount` counts them all.") List<PartnerImport.RowError> warnings,
        int warningCount,
        @Schema(description = "HSDS: the mapping rules the job applies.") ImportMapping mapping,
        OffsetDateTime createdAt, OffsetDateTime finishedAt) {

    static PartnerImportView of(PartnerImport job) {
        return new PartnerImportView(job.id, job.format.name().toLowerCase(), job.dryRun, job.status.name().toLowerCase(),
                job.totalRows, job.processed, job.created, job.updated, job.failed, List.copyOf(job.errors),
                List.copyOf(job.warnings), job.warningCount, job.mapping, job.createdAt,
                job.finishedAt);
    }
}

namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>The check of one sampled document: ok, or a defect of a category (a note is required for "other").</summary>
internal sealed record FindingRequest(Guid DocumentId, string? Result, string? Category, string? Note);

/// <summary>Findings for sampled documents; <paramref name="Reason"/> is added to the rejection if the batch fails.</summary>
internal sealed record RecordQaFindingsRequest(Guid BatchId, FindingRequest[]? Findings, string? Reason);

/// <summary>How far the check is; <see cref="BoxStatus"/> is set when this call decided the batch and its box.</summary>
internal sealed record QaProgress(Guid Id, string QaStatus, int Checked, int SampleSize, int? Defects, decimal? DefectRate, DateTimeOffset? DecidedAt,
    string? BoxStatus, string? RejectionReason);

/// <summary>
/// Records findings per sampled document (correctable until the batch is decided) and — once every sampled document
/// is checked — decides the batch (<see cref="LegacyScanBatch.Decide"/>): accepted (the box is accepted and its files
/// are free for other boxes) or rejected (the box goes back to the scanning company with the reason). One unit of
/// work; of two caseworkers finishing the check at once one wins, the other gets 409.
/// </summary>
internal sealed class RecordQaFindings(CasesDbContext db, IAuditTrail audit, ICurrentActor actor, ITexts texts, TimeProvider clock)
{
    public async Task<QaProgress> ExecuteAsync(RecordQaFindingsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.BatchId;
        var batch = await db.LegacyScanBatches.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw CasesProblems.BatchNotFound(id);
        if (batch.IsDecided)
        {
            throw CasesProblems.BatchDecided(batch.QaStatus);
        }

        var findings = request.Findings ?? [];
        Validate(findings);
        var sampled = await db.BatchDocuments.AsNoTracking().Where(d => d.BatchId == id && d.Sampled).Select(d => d.DocumentId).ToListAsync(ct);
        var outside = findings.Select(f => f.DocumentId).Where(d => !sampled.Contains(d)).ToList();
        if (outside.Count > 0)
        {
            throw CasesProblems.NotInSample(outside);
        }

        var now = clock.GetUtcNow();
        await using var work = await db.BeginWorkAsync(audit, ct);
        var existing = await db.QaFindings.Where(f => f.BatchId == id).ToDictionaryAsync(f => f.DocumentId, ct);
        foreach (var finding in findings)
        {
            if (!existing.TryGetValue(finding.DocumentId, out var row))
            {
                row = new QaFinding { BatchId = id, DocumentId = finding.DocumentId };
                db.QaFindings.Add(row);
                existing[finding.DocumentId] = row;
            }

            row.Record(finding.Result!, finding.Category, finding.Note, actor.Id, now);
        }

        work.Record(new AuditEntry("legacy.qa.findings", "legacy-batch", id.ToString(),
            $"{findings.Length} findings ({findings.Count(f => f.Result == QaFinding.Defect)} defects), {existing.Count}/{batch.SampleSize} checked"));
        LegacyBox? box = null;
        if (existing.Count == batch.SampleSize)
        {
            box = await db.LegacyBoxes.SingleAsync(b => b.Id == batch.BoxId, ct);
            batch.Decide(box, existing.Values, request.Reason, actor.Id, now);
            if (batch.QaStatus == QaStatus.Accepted)
            {
                // The files of an accepted box may be packed again (e.g. for papers that arrive later).
                await db.LegacyBoxFiles.Where(f => f.BoxId == box.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.Open, false), ct);
            }

            work.Record(new AuditEntry("legacy.qa." + batch.QaStatus, "legacy-batch", id.ToString(),
                $"box {box.Label}: {batch.Defects}/{batch.SampleSize} defective ({QaSampleRate.Percent(batch.DefectRate!.Value)}), limit {QaSampleRate.Percent(batch.MaxDefectRate)}"));
        }

        try
        {
            await work.CommitAsync(CasesProblems.BatchChanged, ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw CasesProblems.BatchChanged();
        }

        return new QaProgress(batch.Id, batch.QaStatus, existing.Count, batch.SampleSize, batch.Defects, batch.DefectRate, batch.DecidedAt, box?.Status,
            batch.RejectionReason);
    }

    private void Validate(FindingRequest[] findings)
    {
        var errors = new Dictionary<string, string[]>();
        if (findings.Length == 0)
        {
            errors["findings"] = [texts.Get("cases.legacy.field.no-findings")];
        }

        if (findings.Select(f => f.DocumentId).Distinct().Count() != findings.Length)
        {
            errors["findings"] = [texts.Get("cases.legacy.field.document-twice")];
        }

        for (var i = 0; i < findings.Length; i++)
        {
            var finding = findings[i];
            var at = $"findings[{i}]";
            if (finding.Result is not (QaFinding.Ok or QaFinding.Defect))
            {
                errors[at + ".result"] = [texts.Get("cases.legacy.field.result")];
            }
            else if (finding.Result == QaFinding.Defect && !QaFinding.Categories.Contains(finding.Category, StringComparer.Ordinal))
            {
                errors[at + ".category"] = [texts.Get("cases.legacy.field.category", ("categories", string.Join(", ", QaFinding.Categories)))];
            }
            else if (finding.Result == QaFinding.Ok && finding.Category is not null)
            {
                errors[at + ".category"] = [texts.Get("cases.legacy.field.category-only-with-defect")];
            }
            else if (finding.Category == "other" && string.IsNullOrWhiteSpace(finding.Note))
            {
                errors[at + ".note"] = [texts.Get("cases.legacy.field.describe-other")];
            }

            if (finding.Note is { Length: > 2000 })
            {
                errors[at + ".note"] = [texts.Get("cases.legacy.field.note-length", ("max", 2000))];
            }
        }

        if (errors.Count > 0)
        {
            throw CasesProblems.InvalidFindings(errors);
        }
    }
}

namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>The check of one sampled document: ok, or a defect of a category (a note is required for "other").</summary>
internal sealed record FindingRequest(Guid DocumentId, string? Result, string? Category, string? Note);

/// <summary>Findings for sampled documents; <paramref name="Reason"/> is added to the rejection if the batch fails.</summary>
internal sealed record RecordFindingsRequest(FindingRequest[]? Findings, string? Reason);

/// <summary>
/// The quality check of a delivered batch: read the batch and its sample, record findings per sampled document
/// (correctable until the batch is decided), and — once every sampled document is checked — the verdict:
/// accepted (defect rate ≤ <c>Cases:Legacy:QaMaxDefectRate</c>; the box is accepted and its files are free for
/// other boxes) or rejected (the box goes back to the scanning company with the reason). The protocol of a batch
/// is its record for auditors and the grant report.
/// </summary>
internal static class QaEndpoints
{
    public static readonly string[] Categories = ["missing-page", "illegible", "wrong-file", "wrong-order", "cut-off", "other"];

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/batches/{id:guid}", async (Guid id, CasesDbContext db, IAuditTrail audit, CancellationToken ct) =>
        {
            var batch = await db.LegacyScanBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw BatchNotFound(id);
            await audit.RecordAsync(new AuditEntry("legacy.batch.read", "legacy-batch", id.ToString(), PersonalData: true), ct);
            var sample = await SampleAsync(db, id, ct);
            return Results.Ok(new
            {
                batch.Id, batch.BoxId, batch.QaStatus, batch.Documents, batch.QaRate, batch.SampleSize, batch.ReceivedAt,
                Checked = sample.Count(s => s.Result is not null), batch.Defects, batch.DefectRate, batch.DecidedAt, batch.RejectionReason,
                Sample = sample,
            });
        });

        group.MapPost("/batches/{id:guid}/findings", async (Guid id, RecordFindingsRequest request, CasesDbContext db, IAuditTrail audit,
            ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            var (batch, box, checkedCount) = await RecordFindingsAsync(db, audit, id, request, BoxEndpoints.Subject(user), clock.GetUtcNow(), ct);
            return Results.Ok(new
            {
                batch.Id, batch.QaStatus, Checked = checkedCount, batch.SampleSize, batch.Defects, batch.DefectRate, batch.DecidedAt,
                BoxStatus = box?.Status, batch.RejectionReason,
            });
        });

        group.MapGet("/batches/{id:guid}/protocol", async (Guid id, CasesDbContext db, IAuditTrail audit, CancellationToken ct) =>
        {
            var batch = await db.LegacyScanBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw BatchNotFound(id);
            var box = await db.LegacyBoxes.AsNoTracking().SingleAsync(b => b.Id == batch.BoxId, ct);
            var manifest = await db.BatchDocuments.AsNoTracking().Where(d => d.BatchId == id).OrderBy(d => d.Path)
                .Select(d => new { d.Path, d.DocumentId, d.CaseFileId, d.ContentType, d.Length, d.Sha256, d.Sampled })
                .ToListAsync(ct);
            var findings = await db.QaFindings.AsNoTracking().Where(f => f.BatchId == id).ToListAsync(ct);
            var paths = manifest.ToDictionary(m => m.DocumentId, m => m.Path);
            await audit.RecordAsync(new AuditEntry("legacy.protocol.read", "legacy-batch", id.ToString(), PersonalData: true), ct);
            return Results.Ok(new
            {
                Standard = "Scanprotokoll nach BSI TR-03138 (TR-RESISCAN) / scan protocol in the spirit of BSI TR-03138 (TR-RESISCAN)",
                Batch = new { batch.Id, batch.ReceivedAt, batch.ReceivedBy },
                Box = new { box.Id, box.Label, box.Vendor, box.Status, box.PackedAt, box.SentAt, box.ReturnedAt, box.AcceptedAt, box.RejectedAt, box.RejectionReason },
                Scan = new
                {
                    batch.Vendor,
                    Operator = batch.ScanOperator,
                    batch.ScannedAt,
                    Device = new { Make = batch.DeviceMake, Model = batch.DeviceModel, Serial = batch.DeviceSerial },
                    Settings = new { batch.ResolutionDpi, batch.ColourMode, batch.Format, batch.Compression },
                },
                Delivery = new
                {
                    batch.Documents,
                    batch.DeclaredPages,
                    batch.Bytes,
                    HashAlgorithm = "SHA-256",
                    batch.ArchiveSha256,
                    batch.ManifestSha256,
                    ManifestFormat = "sha256sum: \"<sha256>  <path>\\n\" per file, sorted by path (ordinal), UTF-8",
                    Files = manifest.Select(m => new { m.Path, m.DocumentId, m.CaseFileId, m.ContentType, m.Length, m.Sha256 }),
                },
                QualityAssurance = new
                {
                    Status = batch.QaStatus,
                    Rate = batch.QaRate,
                    RateReason = batch.QaRateReason,
                    batch.SampleSize,
                    Method = batch.SampleMethod,
                    Seed = batch.SampleSeed,
                    batch.MaxDefectRate,
                    Checked = findings.Count,
                    batch.Defects,
                    batch.DefectRate,
                    DefectsByCategory = findings.Where(f => f.Category is not null).GroupBy(f => f.Category!).OrderBy(g => g.Key, StringComparer.Ordinal)
                        .ToDictionary(g => g.Key, g => g.Count()),
                    Sample = manifest.Where(m => m.Sampled).Select(m => m.Path),
                    Findings = findings.OrderBy(f => paths[f.DocumentId], StringComparer.Ordinal)
                        .Select(f => new { Path = paths[f.DocumentId], f.DocumentId, f.Result, f.Category, f.Note, f.CheckedBy, f.CheckedAt }),
                    batch.DecidedAt,
                    batch.DecidedBy,
                    batch.RejectionReason,
                },
            });
        });
    }

    /// <summary>
    /// Records findings (correctable until the batch is decided); when every sampled document is checked, decides
    /// the batch and its box. Returns the batch, the box if it was decided, and how many are checked.
    /// </summary>
    internal static async Task<(LegacyScanBatch Batch, LegacyBox? Box, int Checked)> RecordFindingsAsync(CasesDbContext db, IAuditTrail audit, Guid id,
        RecordFindingsRequest request, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var batch = await db.LegacyScanBatches.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw BatchNotFound(id);
        if (batch.QaStatus != QaStates.InQa)
        {
            throw new SaasProblemException(StatusCodes.Status409Conflict, "batch-decided",
                new LocalizedText("problem.batch-decided"), batch.QaStatus);
        }

        var findings = request.Findings ?? [];
        Validate(findings);
        var sampled = await db.BatchDocuments.AsNoTracking().Where(d => d.BatchId == id && d.Sampled).Select(d => d.DocumentId)
            .ToListAsync(ct);
        var outside = findings.Select(f => f.DocumentId).Where(d => !sampled.Contains(d)).ToList();
        if (outside.Count > 0)
        {
            throw new SaasProblemException(StatusCodes.Status422UnprocessableEntity, "not-in-sample",
                new LocalizedText("problem.not-in-sample"),
                string.Join(", ", outside));
        }

        var subject = actor;
        var existing = await db.QaFindings.Where(f => f.BatchId == id).ToDictionaryAsync(f => f.DocumentId, ct);
        foreach (var finding in findings)
        {
            if (!existing.TryGetValue(finding.DocumentId, out var row))
            {
                row = new QaFinding { BatchId = id, DocumentId = finding.DocumentId };
                db.QaFindings.Add(row);
                existing[finding.DocumentId] = row;
            }

            row.Result = finding.Result!;
            row.Category = finding.Result == "ok" ? null : finding.Category;
            row.Note = string.IsNullOrWhiteSpace(finding.Note) ? null : finding.Note.Trim();
            row.CheckedBy = subject;
            row.CheckedAt = now;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        LegacyBox? box = null;
        if (existing.Count == batch.SampleSize)
        {
            box = await db.LegacyBoxes.SingleAsync(b => b.Id == batch.BoxId, ct);
            Decide(batch, box, existing.Values, request.Reason, subject, now);
            if (batch.QaStatus == QaStates.Accepted)
            {
                // The files of an accepted box may be packed again (e.g. for papers that arrive later).
                await db.LegacyBoxFiles.Where(f => f.BoxId == box.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(f => f.Open, false), ct);
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException
                                          || e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw new SaasProblemException(StatusCodes.Status409Conflict, "batch-changed",
                new LocalizedText("problem.batch-changed"), null);
        }

        await db.AuditAsync(audit, new AuditEntry("legacy.qa.findings", "legacy-batch", id.ToString(),
            $"{findings.Length} findings ({findings.Count(f => f.Result == "defect")} defects), {existing.Count}/{batch.SampleSize} checked"), ct);
        if (box is not null)
        {
            await db.AuditAsync(audit, new AuditEntry("legacy.qa." + batch.QaStatus, "legacy-batch", id.ToString(),
                $"box {box.Label}: {batch.Defects}/{batch.SampleSize} defective ({QaSampleRate.Percent(batch.DefectRate!.Value)}), limit {QaSampleRate.Percent(batch.MaxDefectRate)}"), ct);
        }

        await tx.CommitAsync(ct);
        return (batch, box, existing.Count);
    }

    internal static SaasProblemException BatchNotFound(Guid id) =>
        new(StatusCodes.Status404NotFound, "not-found",
            new LocalizedText("problem.not-found.legacy-digitisation-2"), id.ToString());

    private static void Validate(FindingRequest[] findings)
    {
        var errors = new Dictionary<string, string[]>();
        if (findings.Length == 0)
        {
            errors["findings"] = ["Keine Befunde angegeben. / No findings given."];
        }

        if (findings.Select(f => f.DocumentId).Distinct().Count() != findings.Length)
        {
            errors["findings"] = ["Ein Dokument ist doppelt angegeben. / A document is given twice."];
        }

        for (var i = 0; i < findings.Length; i++)
        {
            var finding = findings[i];
            var at = $"findings[{i}]";
            if (finding.Result is not ("ok" or "defect"))
            {
                errors[at + ".result"] = ["ok oder defect / ok or defect"];
            }
            else if (finding.Result == "defect" && !Categories.Contains(finding.Category, StringComparer.Ordinal))
            {
                errors[at + ".category"] = [$"eine von / one of {string.Join(", ", Categories)}"];
            }
            else if (finding.Result == "ok" && finding.Category is not null)
            {
                errors[at + ".category"] = ["nur bei defect / only with defect"];
            }
            else if (finding.Category == "other" && string.IsNullOrWhiteSpace(finding.Note))
            {
                errors[at + ".note"] = ["Bei „other“ bitte beschreiben. / Please describe an 'other' defect."];
            }

            if (finding.Note is { Length: > 2000 })
            {
                errors[at + ".note"] = ["höchstens 2000 Zeichen / at most 2000 characters"];
            }
        }

        if (errors.Count > 0)
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "invalid-findings",
                new LocalizedText("problem.invalid-findings"),
                string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}")), errors);
        }
    }

    /// <summary>Every sampled document is checked: accept or reject the batch and its box.</summary>
    private static void Decide(LegacyScanBatch batch, LegacyBox box, IEnumerable<QaFinding> findings, string? reason, string subject, DateTimeOffset now)
    {
        var all = findings.ToList();
        var defects = all.Count(f => f.Result == "defect");
        var defectRate = QaVerdict.DefectRate(defects, batch.SampleSize);
        var accepted = QaVerdict.Accept(defectRate, batch.MaxDefectRate);
        var to = accepted ? BoxLifecycle.Accepted : BoxLifecycle.Rejected;
        BoxLifecycle.EnsureCanMove(box, to);
        batch.Defects = defects;
        batch.DefectRate = defectRate;
        batch.DecidedAt = now;
        batch.DecidedBy = subject;
        batch.QaStatus = accepted ? QaStates.Accepted : QaStates.Rejected;
        box.Status = to;
        if (accepted)
        {
            box.AcceptedAt = now;
            return;
        }

        var categories = string.Join(", ", all.Where(f => f.Category is not null).GroupBy(f => f.Category!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Count()}"));
        var text = $"Fehlerquote / defect rate {QaSampleRate.Percent(defectRate)} > {QaSampleRate.Percent(batch.MaxDefectRate)} ({categories})";
        if (!string.IsNullOrWhiteSpace(reason))
        {
            text += " – " + reason.Trim()[..Math.Min(reason.Trim().Length, 500)];
        }

        batch.RejectionReason = text;
        box.RejectedAt = now;
        box.RejectionReason = text;
    }

    /// <summary>The sampled documents of a batch with their findings so far, by path.</summary>
    internal static async Task<List<SampleView>> SampleAsync(CasesDbContext db, Guid batchId, CancellationToken ct) =>
        await db.BatchDocuments.AsNoTracking().Where(d => d.BatchId == batchId && d.Sampled).OrderBy(d => d.Path)
            .GroupJoin(db.QaFindings, d => d.DocumentId, f => f.DocumentId, (d, f) => new { d, f })
            .SelectMany(x => x.f.DefaultIfEmpty(), (x, f) => new SampleView(x.d.DocumentId, x.d.Path, x.d.ContentType, f == null ? null : f.Result, f == null ? null : f.Category, f == null ? null : f.Note))
            .ToListAsync(ct);

    internal sealed record SampleView(Guid DocumentId, string Path, string ContentType, string? Result, string? Category, string? Note);
}

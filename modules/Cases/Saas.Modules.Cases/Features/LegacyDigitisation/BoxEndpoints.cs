using Saas.Modules.Cases.Features.Paging;

namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>A file to pack, by its id, with the number of sheets if counted.</summary>
internal sealed record BoxFileRequest(Guid CaseFileId, int? Sheets);

internal sealed record CreateBoxRequest(string? Label, BoxFileRequest[]? Files);

internal sealed record MarkSentRequest(string? Vendor, DateTimeOffset? SentAt);

internal sealed record MarkReturnedRequest(DateTimeOffset? ReturnedAt);

/// <summary>A box in the list, with how many files it holds.</summary>
internal sealed record BoxSummary(LegacyBox Box, int Files);

/// <summary>
/// Boxes of paper files for the scanning company: pack (a file is in at most one box that is not yet accepted),
/// list, read, send and mark the paper as returned. Every change is audited in its transaction; reading a box
/// names files of persons and is audited as a read of personal data.
/// </summary>
internal static class BoxEndpoints
{
    private const int MaxFilesPerBox = 500;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/boxes", async (CreateBoxRequest request, CasesDbContext db, IAuditTrail audit, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            var box = await CreateAsync(db, audit, request, Subject(user), clock.GetUtcNow(), ct);
            return Results.Created($"/api/cases/legacy/boxes/{box.Id}", await ViewAsync(db, box, ct));
        });

        // Newest packed first, up to 200 per request; a Link header (rel="next") names the next page.
        group.MapGet("/boxes", async (string? status, string? after, HttpContext http, CasesDbContext db, CancellationToken ct) =>
        {
            // Labels and counts only, no person's data: not audited.
            var page = await PageAsync(db, status, PageCursor.Parse(after, "after"), 200, ct);
            Keyset.Describe(http, page, new Dictionary<string, string?> { ["status"] = string.IsNullOrEmpty(status) ? null : status });
            return Results.Ok(page.Items.Select(r => new
            {
                r.Box.Id, r.Box.Label, r.Box.Vendor, r.Box.Status, r.Box.PackedAt, r.Box.SentAt, r.Box.ReturnedAt, r.Box.AcceptedAt, r.Box.RejectedAt, r.Files,
            }));
        });

        group.MapGet("/boxes/{id:guid}", async (Guid id, CasesDbContext db, IAuditTrail audit, CancellationToken ct) =>
        {
            var box = await db.LegacyBoxes.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw BoxNotFound(id);
            await audit.RecordAsync(new AuditEntry("legacy.box.read", "legacy-box", id.ToString(), PersonalData: true), ct);
            return Results.Ok(await ViewAsync(db, box, ct));
        });

        group.MapPost("/boxes/{id:guid}/sent", async (Guid id, MarkSentRequest request, CasesDbContext db, IAuditTrail audit, TimeProvider clock, CancellationToken ct) =>
            Results.Ok(await ViewAsync(db, await MarkSentAsync(db, audit, id, request, clock, ct), ct)));

        group.MapPost("/boxes/{id:guid}/returned", async (Guid id, MarkReturnedRequest request, CasesDbContext db, IAuditTrail audit, TimeProvider clock, CancellationToken ct) =>
            Results.Ok(await ViewAsync(db, await MarkReturnedAsync(db, audit, id, request, clock, ct), ct)));
    }

    /// <summary>The box went to the scanning company.</summary>
    internal static async Task<LegacyBox> MarkSentAsync(CasesDbContext db, IAuditTrail audit, Guid id, MarkSentRequest request, TimeProvider clock, CancellationToken ct)
    {
        var box = await db.LegacyBoxes.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw BoxNotFound(id);
        BoxLifecycle.EnsureCanMove(box, BoxLifecycle.Sent);
        var vendor = string.IsNullOrWhiteSpace(request.Vendor) ? box.Vendor : request.Vendor.Trim();
        if (vendor is null or { Length: > 200 })
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "invalid-box",
                new LocalizedText("problem.invalid-box.legacy-digitisation"), "vendor");
        }

        var sentAt = request.SentAt ?? clock.GetUtcNow();
        EnsureNotInFuture(sentAt, clock, "sentAt");
        box.Vendor = vendor;
        box.SentAt = sentAt;
        box.Status = BoxLifecycle.Sent;
        await SaveAsync(db, audit, new AuditEntry("legacy.box.sent", "legacy-box", id.ToString(), $"{vendor}, {sentAt:O}"), ct);
        return box;
    }

    /// <summary>The paper came back from the scanning company.</summary>
    internal static async Task<LegacyBox> MarkReturnedAsync(CasesDbContext db, IAuditTrail audit, Guid id, MarkReturnedRequest request, TimeProvider clock, CancellationToken ct)
    {
        var box = await db.LegacyBoxes.SingleOrDefaultAsync(b => b.Id == id, ct) ?? throw BoxNotFound(id);
        BoxLifecycle.EnsureCanMove(box, BoxLifecycle.Returned);
        var returnedAt = request.ReturnedAt ?? clock.GetUtcNow();
        EnsureNotInFuture(returnedAt, clock, "returnedAt");
        box.ReturnedAt = returnedAt;
        box.Status = BoxLifecycle.Returned;
        await SaveAsync(db, audit, new AuditEntry("legacy.box.returned", "legacy-box", id.ToString(), $"{returnedAt:O}"), ct);
        return box;
    }

    /// <summary>Packs a box: a file is in at most one box that is not yet accepted. Used by the API and the workbench.</summary>
    internal static async Task<LegacyBox> CreateAsync(CasesDbContext db, IAuditTrail audit, CreateBoxRequest request, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var files = request.Files ?? [];
        var label = request.Label?.Trim() ?? "";
        var errors = new Dictionary<string, string[]>();
        if (label.Length is 0 or > 100)
        {
            errors["label"] = ["Die Kartonnummer fehlt oder ist länger als 100 Zeichen. / The box number is missing or longer than 100 characters."];
        }

        if (files.Length is 0 or > MaxFilesPerBox)
        {
            errors["files"] = [$"Ein Karton enthält 1 bis {MaxFilesPerBox} Akten. / A box holds 1 to {MaxFilesPerBox} files."];
        }
        else if (files.Select(f => f.CaseFileId).Distinct().Count() != files.Length)
        {
            errors["files"] = ["Eine Akte ist doppelt angegeben. / A file is given twice."];
        }
        else if (files.Any(f => f.Sheets is <= 0))
        {
            errors["files"] = ["Die Blattzahl muss positiv sein. / The number of sheets must be positive."];
        }

        if (errors.Count > 0)
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "invalid-box",
                new LocalizedText("problem.invalid-box.legacy-digitisation-2"), string.Join(", ", errors.Keys), errors);
        }

        var ids = files.Select(f => f.CaseFileId).ToList();
        var known = await db.CaseFiles.AsNoTracking().Where(f => ids.Contains(f.Id)).Select(f => new { f.Id, f.FileNumber })
            .ToDictionaryAsync(f => f.Id, f => f.FileNumber, ct);
        var unknown = ids.Where(id => !known.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            throw new SaasProblemException(StatusCodes.Status422UnprocessableEntity, "unknown-case-files",
                new LocalizedText("problem.unknown-case-files.legacy-digitisation"), string.Join(", ", unknown));
        }

        await EnsureNotInOpenBoxAsync(db, ids, known, ct);
        var box = new LegacyBox
        {
            Label = label,
            PackedAt = now,
            CreatedBy = actor,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.LegacyBoxes.Add(box);
        db.LegacyBoxFiles.AddRange(files.Select(f => new LegacyBoxFile { BoxId = box.Id, CaseFileId = f.CaseFileId, Sheets = f.Sheets }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } unique)
        {
            if (unique.ConstraintName == "legacy_box_files_one_open_box_idx")
            {
                throw new SaasProblemException(StatusCodes.Status409Conflict, "file-in-open-box",
                    new LocalizedText("problem.file-in-open-box"), null);
            }

            throw new SaasProblemException(StatusCodes.Status409Conflict, "box-label-taken",
                new LocalizedText("problem.box-label-taken"), label);
        }

        await db.AuditAsync(audit, new AuditEntry("legacy.box.create", "legacy-box", box.Id.ToString(), $"{label}, {files.Length} files", PersonalData: true), ct);
        await tx.CommitAsync(ct);
        return box;
    }

    /// <summary>The boxes (of one status, if given), most recently packed first, with their number of files; one page by (packed_at, id).</summary>
    internal static async Task<KeysetPage<BoxSummary>> PageAsync(CasesDbContext db, string? status, PageCursor? after, int size, CancellationToken ct)
    {
        var query = db.LegacyBoxes.AsNoTracking();
        if (!string.IsNullOrEmpty(status))
        {
            query = query.Where(b => b.Status == status);
        }

        return await Keyset.PageAsync(query, b => b.PackedAt, b => b.Id, newestFirst: true, after, size,
            rows => rows.Select(b => new BoxSummary(b, db.LegacyBoxFiles.Count(f => f.BoxId == b.Id))), r => new PageCursor(r.Box.PackedAt, r.Box.Id), ct)
            ;
    }

    internal static SaasProblemException BoxNotFound(Guid id) =>
        new(StatusCodes.Status404NotFound, "not-found",
            new LocalizedText("problem.not-found.legacy-digitisation"), id.ToString());

    internal static string Subject(ClaimsPrincipal user) => user.FindFirst(SaasClaims.Subject)?.Value ?? "unknown";

    /// <summary>Saves tracked changes and their audit record together; a status changed meanwhile gives 409.</summary>
    internal static async Task SaveAsync(CasesDbContext db, IAuditTrail audit, AuditEntry entry, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw BoxLifecycle.ChangedMeanwhile();
        }

        await db.AuditAsync(audit, entry, ct);
        await tx.CommitAsync(ct);
    }

    private static void EnsureNotInFuture(DateTimeOffset value, TimeProvider clock, string field)
    {
        if (value > clock.GetUtcNow().AddMinutes(5))
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "invalid-date",
                new LocalizedText("problem.invalid-date"), field);
        }
    }

    private static async Task EnsureNotInOpenBoxAsync(CasesDbContext db, List<Guid> ids, Dictionary<Guid, string> fileNumbers, CancellationToken ct)
    {
        var taken = await db.LegacyBoxFiles.AsNoTracking().Where(f => f.Open && ids.Contains(f.CaseFileId))
            .Join(db.LegacyBoxes, f => f.BoxId, b => b.Id, (f, b) => new { f.CaseFileId, b.Label })
            .ToListAsync(ct);
        if (taken.Count > 0)
        {
            throw new SaasProblemException(StatusCodes.Status409Conflict, "file-in-open-box",
                new LocalizedText("problem.file-in-open-box.legacy-digitisation"),
                string.Join(", ", taken.Select(t => $"{fileNumbers[t.CaseFileId]} (box {t.Label})")));
        }
    }

    private static async Task<object> ViewAsync(CasesDbContext db, LegacyBox box, CancellationToken ct)
    {
        var files = await db.LegacyBoxFiles.AsNoTracking().Where(f => f.BoxId == box.Id)
            .Join(db.CaseFiles, f => f.CaseFileId, c => c.Id, (f, c) => new { f.CaseFileId, c.FileNumber, f.Sheets })
            .OrderBy(f => f.FileNumber)
            .ToListAsync(ct);
        var batches = await db.LegacyScanBatches.AsNoTracking().Where(b => b.BoxId == box.Id).OrderBy(b => b.ReceivedAt)
            .Select(b => new { b.Id, b.QaStatus, b.ReceivedAt, b.Documents, b.QaRate, b.SampleSize, b.DefectRate, b.DecidedAt })
            .ToListAsync(ct);
        return new
        {
            box.Id, box.Label, box.Vendor, box.Status, box.PackedAt, box.SentAt, box.ReturnedAt, box.AcceptedAt, box.RejectedAt, box.RejectionReason,
            box.CreatedBy, Files = files, Batches = batches,
        };
    }
}

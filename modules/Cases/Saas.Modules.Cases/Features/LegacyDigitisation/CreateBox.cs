namespace Saas.Modules.Cases.Features.LegacyDigitisation;

/// <summary>A file to pack, by its id, with the number of sheets if counted.</summary>
internal sealed record BoxFileRequest(Guid CaseFileId, int? Sheets);

/// <summary>A file to pack by its file number, as the workbench's packing list names it.</summary>
internal sealed record BoxFileNumber(string FileNumber, int? Sheets);

/// <summary>A box to pack: its label and its files, by id (API) or by file number (packing list).</summary>
internal sealed record CreateBoxRequest(string? Label, BoxFileRequest[]? Files, BoxFileNumber[]? FileNumbers = null);

/// <summary>
/// Packs a box: a file is in at most one box that is not yet accepted (checked first, and decided by the
/// database's partial unique index when two boxes are packed at once); audited with the box.
/// </summary>
internal sealed class CreateBox(CasesDbContext db, IAuditTrail audit, ICurrentActor actor, ITexts texts, TimeProvider clock)
{
    public const int MaxFilesPerBox = 500;

    public async Task<BoxView> ExecuteAsync(CreateBoxRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var files = await ResolveAsync(request, ct);
        var label = request.Label?.Trim() ?? "";
        var errors = new Dictionary<string, string[]>();
        if (label.Length is 0 or > 100)
        {
            errors["label"] = [texts.Get("cases.legacy.field.label")];
        }

        if (files.Length is 0 or > MaxFilesPerBox)
        {
            errors["files"] = [texts.Get("cases.legacy.field.files-count", ("max", MaxFilesPerBox))];
        }
        else if (files.Select(f => f.CaseFileId).Distinct().Count() != files.Length)
        {
            errors["files"] = [texts.Get("cases.legacy.field.files-twice")];
        }
        else if (files.Any(f => f.Sheets is <= 0))
        {
            errors["files"] = [texts.Get("cases.legacy.field.sheets-positive")];
        }

        if (errors.Count > 0)
        {
            throw CasesProblems.InvalidBox(errors);
        }

        var ids = files.Select(f => f.CaseFileId).ToList();
        var known = await db.CaseFiles.AsNoTracking().Where(f => ids.Contains(f.Id)).Select(f => new { f.Id, f.FileNumber })
            .ToDictionaryAsync(f => f.Id, f => f.FileNumber, ct);
        var unknown = ids.Where(id => !known.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            throw CasesProblems.UnknownBoxFiles(unknown.Select(u => u.ToString()));
        }

        var taken = await db.LegacyBoxFiles.AsNoTracking().Where(f => f.Open && ids.Contains(f.CaseFileId))
            .Join(db.LegacyBoxes, f => f.BoxId, b => b.Id, (f, b) => new { f.CaseFileId, b.Label })
            .ToListAsync(ct);
        if (taken.Count > 0)
        {
            throw CasesProblems.FileInOpenBox(string.Join(", ", taken.Select(t => $"{known[t.CaseFileId]} (box {t.Label})")));
        }

        var box = new LegacyBox { Label = label, PackedAt = clock.GetUtcNow(), CreatedBy = actor.Id };
        await using (var work = await db.BeginWorkAsync(audit, ct))
        {
            db.LegacyBoxes.Add(box);
            db.LegacyBoxFiles.AddRange(files.Select(f => new LegacyBoxFile { BoxId = box.Id, CaseFileId = f.CaseFileId, Sheets = f.Sheets }));
            work.Record(new AuditEntry("legacy.box.create", "legacy-box", box.Id.ToString(), $"{label}, {files.Length} files", PersonalData: true));
            try
            {
                await work.CommitAsync(ct);
            }
            catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } unique)
            {
                throw unique.ConstraintName == "legacy_box_files_one_open_box_idx" ? CasesProblems.FileInOpenBox() : CasesProblems.BoxLabelTaken(label);
            }
        }

        return await BoxView.LoadAsync(db, box, ct);
    }

    /// <summary>The files by id; file numbers of the packing list are resolved to their files (an unknown number is refused, naming it).</summary>
    private async Task<BoxFileRequest[]> ResolveAsync(CreateBoxRequest request, CancellationToken ct)
    {
        if (request.FileNumbers is not { Length: > 0 } wanted)
        {
            return request.Files ?? [];
        }

        var numbers = wanted.Select(w => w.FileNumber).ToList();
        var ids = await db.CaseFiles.AsNoTracking().Where(f => numbers.Contains(f.FileNumber))
            .ToDictionaryAsync(f => f.FileNumber, f => f.Id, StringComparer.Ordinal, ct);
        var unknown = numbers.Where(n => !ids.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
        {
            throw CasesProblems.UnknownBoxFiles(unknown);
        }

        return [.. (request.Files ?? []), .. wanted.Select(w => new BoxFileRequest(ids[w.FileNumber], w.Sheets))];
    }
}

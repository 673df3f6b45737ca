using Saas.Modules.Cases.Features.PersonSearch;

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>Request to open a person's file.</summary>
internal sealed record CreateCaseFileRequest(string? FileNumber, string Surname, string? GivenNames, DateOnly? BirthDate, string[]? Nationalities, string[]? NameVariants, string? CentralRegisterNumber);

/// <summary>Opening and reading files. Every read of a file is recorded as a read of personal data.</summary>
internal static class CaseFileEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/cases/files").WithTags("e-Akte").RequireAuthorization(SaasPolicies.Staff);

        group.MapPost("", async (CreateCaseFileRequest request, CasesDbContext db, Saas.Platform.Metadata.IMetadataStore metadata, IAuditTrail audit, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            var file = await CreateAsync(db, metadata, audit, request, user.FindFirst(SaasClaims.Subject)?.Value ?? "unknown", clock.GetUtcNow(), ct);
            return Results.Created($"/api/cases/files/{file.Id}", View(file));
        });

        group.MapGet("/{id:guid}", async (Guid id, CasesDbContext db, IAuditTrail audit, CancellationToken ct) =>
        {
            var file = await db.CaseFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, ct)
                       ?? throw NotFound(id);
            await audit.RecordAsync(new AuditEntry("casefile.read", "casefile", id.ToString(), PersonalData: true), ct);
            var documents = await db.Documents.AsNoTracking().Where(d => d.CaseFileId == id).OrderBy(d => d.CreatedAt)
                .Select(d => new { d.Id, d.DocumentType, d.Title, d.Source, d.ContentType, d.Length, d.CreatedAt, d.PaperOriginal, d.CaseId })
                .ToListAsync(ct);
            return Results.Ok(new { File = View(file), Documents = documents });
        });
    }

    /// <summary>Opens a file; the file and the record of its creation commit together. Used by the API and the workbench.</summary>
    internal static async Task<CaseFile> CreateAsync(CasesDbContext db, Saas.Platform.Metadata.IMetadataStore metadata, IAuditTrail audit, CreateCaseFileRequest request, string actor, DateTimeOffset now, CancellationToken ct)
    {
        CheckLimits(request);
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            throw new SaasProblemException(StatusCodes.Status400BadRequest, "invalid-case-file",
                new LocalizedText("problem.invalid-case-file"), null, errors);
        }

        var variants = (request.NameVariants ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct().ToList();
        var (phoneticCodes, searchName) = SearchKeys(request.Surname, variants);
        var file = new CaseFile
        {
            FileNumber = request.FileNumber?.Trim() ?? "",
            Surname = request.Surname.Trim(),
            GivenNames = request.GivenNames?.Trim() ?? "",
            BirthDate = request.BirthDate,
            Nationalities = [.. request.Nationalities ?? []],
            NameVariants = variants,
            CentralRegisterNumber = request.CentralRegisterNumber,
            PhoneticCodes = phoneticCodes,
            SearchName = searchName,
            CreatedAt = now,
            CreatedBy = actor,
        };
        db.CaseFiles.Add(file);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (file.FileNumber.Length == 0)
        {
            file.FileNumber = await FileNumbering.NextAsync(db, metadata, now, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.CaseFiles.Remove(file);
            throw new SaasProblemException(StatusCodes.Status409Conflict, "file-number-taken",
                new LocalizedText("problem.file-number-taken"), file.FileNumber);
        }

        await db.AuditAsync(audit, new AuditEntry("casefile.create", "casefile", file.Id.ToString(), PersonalData: true), ct);
        await tx.CommitAsync(ct);
        return file;
    }

    internal static SaasProblemException NotFound(Guid id) =>
        new(StatusCodes.Status404NotFound, "not-found", new LocalizedText("problem.not-found.case-files"), id.ToString());

    internal static object View(CaseFile file) => new
    {
        file.Id, file.FileNumber, file.Surname, file.GivenNames, file.BirthDate, file.Nationalities, file.NameVariants, file.CentralRegisterNumber, file.Status,
    };

    /// <summary>What person search needs of a name: Kölner Phonetik of the surname and every variant, and the text for trigram search.</summary>
    internal static (List<string> PhoneticCodes, string SearchName) SearchKeys(string surname, IReadOnlyList<string> variants) => (
        [.. new[] { surname }.Concat(variants).Select(KoelnerPhonetik.Encode).Where(c => c.Length > 0).Distinct()],
        string.Join(' ', new[] { surname.Trim() }.Concat(variants)).ToLowerInvariant());

    internal const int MaxNameLength = 200;
    internal const int MaxNameVariants = 20;
    internal const int MaxNationalities = 10;
    internal const int MaxFileNumberLength = 64;

    /// <summary>
    /// Lengths and formats of the person fields, each refusal naming its field (Hardening item 6): a 100,000-character
    /// surname was stored, and a 1 MB one was refused by the index as a misleading "file number taken".
    /// </summary>
    private static void CheckLimits(CreateCaseFileRequest request)
    {
        Check("fileNumber", request.FileNumber, MaxFileNumberLength);
        Check("surname", request.Surname, MaxNameLength);
        Check("givenNames", request.GivenNames, MaxNameLength);
        if (request.NameVariants is { } variants)
        {
            if (variants.Length > MaxNameVariants)
            {
                throw CasesProblems.PersonFieldInvalid("nameVariants", MaxNameVariants);
            }

            foreach (var variant in variants)
            {
                Check("nameVariants", variant, MaxNameLength);
            }
        }

        if (request.Nationalities is { } nationalities)
        {
            if (nationalities.Length > MaxNationalities)
            {
                throw CasesProblems.PersonFieldInvalid("nationalities", MaxNationalities);
            }

            foreach (var nationality in nationalities)
            {
                Check("nationalities", nationality, 3);
            }
        }

        // The AZR number (Ausländerzentralregister) has twelve digits.
        if (request.CentralRegisterNumber is { Length: > 0 } azr && (azr.Length != 12 || !azr.All(char.IsAsciiDigit)))
        {
            throw CasesProblems.PersonFieldInvalid("centralRegisterNumber", 12);
        }

        static void Check(string field, string? value, int max)
        {
            if (value is not null && (value.Trim().Length > max || value.Any(char.IsControl)))
            {
                throw CasesProblems.PersonFieldInvalid(field, max);
            }
        }
    }

    private static Dictionary<string, string[]> Validate(CreateCaseFileRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Surname))
        {
            errors["surname"] = ["Der Nachname fehlt. / The surname is missing."];
        }

        if (request.BirthDate is { } birth && (birth.Year < 1900 || birth > DateOnly.FromDateTime(DateTime.UtcNow)))
        {
            errors["birthDate"] = ["Das Geburtsdatum ist nicht plausibel. / The birth date is not plausible."];
        }

        return errors;
    }
}

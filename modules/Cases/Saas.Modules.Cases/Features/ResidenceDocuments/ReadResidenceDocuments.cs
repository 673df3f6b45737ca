using Saas.Modules.Cases.Contracts;

namespace Saas.Modules.Cases.Features.ResidenceDocuments;

/// <param name="Via">Where the read happened (<c>workbench</c>), for the audit record; null for the API and other modules.</param>
internal sealed record ReadResidenceDocumentsRequest(Guid CaseFileId, string? Via = null);

/// <summary>A file's titles and passports, newest first; every read is recorded (<c>residence-documents.read</c>).</summary>
internal sealed class ReadResidenceDocuments(CasesDbContext db, IAuditTrail audit)
{
    public async Task<PersonResidenceDocuments> ExecuteAsync(ReadResidenceDocumentsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await db.CaseFiles.AnyAsync(f => f.Id == request.CaseFileId, ct))
        {
            throw CasesProblems.CaseFileNotFound(request.CaseFileId);
        }

        await audit.RecordAsync(new AuditEntry("residence-documents.read", "casefile", request.CaseFileId.ToString(), request.Via, PersonalData: true), ct);
        var titles = await db.ResidenceTitles.AsNoTracking().Where(t => t.CaseFileId == request.CaseFileId)
            .OrderByDescending(t => t.ValidFrom).ThenByDescending(t => t.RecordedAt).ToListAsync(ct);
        var passports = await db.Passports.AsNoTracking().Where(p => p.CaseFileId == request.CaseFileId)
            .OrderByDescending(p => p.ValidUntil).ThenByDescending(p => p.RecordedAt).ToListAsync(ct);
        return new PersonResidenceDocuments(request.CaseFileId, [.. titles.Select(t => t.ToRecord())], [.. passports.Select(p => p.ToRecord())]);
    }
}

internal sealed record FindExpiringRequest(DateOnly From, DateOnly To);

/// <summary>
/// Titles and passports of the authority that run out between two dates (inclusive), soonest first, at most a year
/// and a day apart; active files only. Recorded as a read of personal data (<c>residence-documents.expiring</c>).
/// </summary>
internal sealed class FindExpiringResidenceDocuments(CasesDbContext db, IAuditTrail audit)
{
    public const int MaxDays = 366;
    public const string TitleKind = "residence-title";
    public const string PassportKind = "passport";

    public async Task<IReadOnlyList<ExpiringResidenceDocument>> ExecuteAsync(FindExpiringRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.To < request.From || request.To.DayNumber - request.From.DayNumber > MaxDays)
        {
            throw CasesProblems.InvalidExpiryRange(MaxDays);
        }

        await audit.RecordAsync(new AuditEntry("residence-documents.expiring", "tenant", null,
            string.Create(CultureInfo.InvariantCulture, $"{request.From:yyyy-MM-dd}..{request.To:yyyy-MM-dd}"), PersonalData: true), ct);
        var active = db.CaseFiles.Where(f => f.Status == CaseFiles.CaseFileStatus.Active);
        var titles = await db.ResidenceTitles.AsNoTracking()
            .Where(t => t.ValidUntil != null && t.ValidUntil >= request.From && t.ValidUntil <= request.To)
            .Join(active, t => t.CaseFileId, f => f.Id, (t, f) => new ExpiringResidenceDocument(TitleKind, t.Id, f.Id, f.FileNumber, t.ValidUntil!.Value, t.LegalBasis))
            .ToListAsync(ct);
        var passports = await db.Passports.AsNoTracking()
            .Where(p => p.ValidUntil >= request.From && p.ValidUntil <= request.To)
            .Join(active, p => p.CaseFileId, f => f.Id, (p, f) => new ExpiringResidenceDocument(PassportKind, p.Id, f.Id, f.FileNumber, p.ValidUntil, p.IssuingState))
            .ToListAsync(ct);
        return [.. titles.Concat(passports).OrderBy(d => d.ValidUntil).ThenBy(d => d.FileNumber, StringComparer.Ordinal)];
    }
}

/// <summary>The contract for other modules: the same use cases the API and the workbench run.</summary>
internal sealed class ResidenceDocumentsContract(ReadResidenceDocuments read, FindExpiringResidenceDocuments expiring, RecordResidenceTitle recordTitle,
    RecordPassport recordPassport) : IResidenceDocuments
{
    public Task<PersonResidenceDocuments> GetAsync(Guid caseFileId, CancellationToken ct = default) => read.ExecuteAsync(new(caseFileId), ct);

    public Task<IReadOnlyList<ExpiringResidenceDocument>> FindExpiringAsync(DateOnly from, DateOnly to, CancellationToken ct = default) =>
        expiring.ExecuteAsync(new(from, to), ct);

    public Task<ResidenceTitleRecord> RecordTitleAsync(NewResidenceTitle title, CancellationToken ct = default) => recordTitle.ExecuteAsync(title, ct);

    public Task<PassportRecord> RecordPassportAsync(NewPassport passport, CancellationToken ct = default) => recordPassport.ExecuteAsync(passport, ct);
}

using Saas.Modules.Cases.Contracts;
using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Cases.Features.ResidenceDocuments;

/// <summary>
/// Records a residence title on an active file (<c>residence-title.record</c>): what a decision issues. The legal basis
/// is a title's section of the AufenthG (<see cref="LegalBases.ResidenceTitles"/>), the end not before the start, the
/// card number nine capital letters and digits, at most 20 conditions of at most 500 characters. Called by the API,
/// the workbench and <see cref="IResidenceDocuments"/>.
/// </summary>
internal sealed class RecordResidenceTitle(CasesDbContext db, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
{
    public const int MaxConditions = 20;
    public const int MaxCondition = 500;

    private static readonly Regex CardNumber = new("^[A-Z0-9]{9}$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    public async Task<ResidenceTitleRecord> ExecuteAsync(NewResidenceTitle request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var legalBasis = request.LegalBasis?.Trim() ?? "";
        if (!LegalBases.IsResidenceTitle(legalBasis))
        {
            throw CasesProblems.ResidenceDocumentInvalid("legalBasis", LocalizedText.Of("cases.residence.rule.legal-basis", ("value", legalBasis)));
        }

        if (request.ValidUntil is { } until && until < request.ValidFrom)
        {
            throw CasesProblems.ResidenceDocumentInvalid("validUntil",
                LocalizedText.Of("cases.residence.rule.until-before-from", ("until", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    ("from", request.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        }

        var card = string.IsNullOrWhiteSpace(request.CardNumber) ? null : request.CardNumber.Trim().ToUpperInvariant();
        if (card is not null && (card.Length > 9 || !CardNumber.IsMatch(card)))
        {
            throw CasesProblems.ResidenceDocumentInvalid("cardNumber", new LocalizedText("cases.residence.rule.card-number"));
        }

        var conditions = (request.Conditions ?? []).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).ToList();
        if (conditions.Count > MaxConditions || conditions.Any(c => c.Length > MaxCondition))
        {
            throw CasesProblems.ResidenceDocumentInvalid("conditions", LocalizedText.Of("cases.residence.rule.conditions", ("count", MaxConditions), ("max", MaxCondition)));
        }

        await using var work = await db.BeginWorkAsync(audit, ct);
        await ResidenceFiles.EnsureActiveAsync(db, request.CaseFileId, ct);
        if (request.CaseId is { } caseId && !await db.Cases.AnyAsync(c => c.Id == caseId && c.CaseFileId == request.CaseFileId, ct))
        {
            throw CasesProblems.CaseNotFound(caseId);
        }

        var title = new ResidenceTitle
        {
            CaseFileId = request.CaseFileId, CaseId = request.CaseId, LegalBasis = legalBasis, ValidFrom = request.ValidFrom, ValidUntil = request.ValidUntil,
            CardNumber = card, Conditions = conditions, RecordedAt = clock.GetUtcNow(), RecordedBy = actor.Id,
        };
        db.ResidenceTitles.Add(title);
        work.Record(new AuditEntry("residence-title.record", "casefile", request.CaseFileId.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"{legalBasis} {title.ValidFrom:yyyy-MM-dd}..{title.ValidUntil:yyyy-MM-dd} title {title.Id}"), PersonalData: true));
        await work.CommitAsync(ct);
        return title.ToRecord();
    }
}

/// <summary>A title or passport goes only into an active file of this authority (locked, so a hand-over cannot slip in between).</summary>
internal static class ResidenceFiles
{
    public static async Task EnsureActiveAsync(CasesDbContext db, Guid fileId, CancellationToken ct)
    {
        if (!(await Documents.DocumentWriter.LockActiveFilesAsync(db, [fileId], ct)).Contains(fileId))
        {
            throw await db.CaseFiles.AnyAsync(f => f.Id == fileId, ct) ? CasesProblems.FileReadOnly(fileId) : CasesProblems.CaseFileNotFound(fileId);
        }
    }
}

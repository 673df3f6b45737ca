using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.CaseFiles;

namespace Saas.Modules.Cases.Features.ResidenceDocuments;

/// <summary>
/// Records a passport on an active file (<c>passport.record</c>): its number (6 to 9 capital letters and digits, as
/// ICAO 9303 document numbers; spaces are dropped), the issuing state (a code of the nationality list) and its expiry.
/// </summary>
internal sealed class RecordPassport(CasesDbContext db, IAuditTrail audit, ICurrentActor actor, TimeProvider clock, NationalityList states)
{
    private static readonly Regex Number = new("^[A-Z0-9]{6,9}$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    public async Task<PassportRecord> ExecuteAsync(NewPassport request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var number = (request.Number ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (number.Length > 9 || !Number.IsMatch(number))
        {
            throw CasesProblems.ResidenceDocumentInvalid("number", new LocalizedText("cases.residence.rule.passport-number"));
        }

        var state = request.IssuingState?.Trim().ToUpperInvariant() ?? "";
        if (state.Length != 3 || !states.IsCode(state))
        {
            throw CasesProblems.ResidenceDocumentInvalid("issuingState", LocalizedText.Of("cases.residence.rule.issuing-state", ("value", state)));
        }

        if (request.ValidUntil == default)
        {
            throw CasesProblems.ResidenceDocumentInvalid("validUntil", new LocalizedText("cases.residence.rule.valid-until-missing"));
        }

        await using var work = await db.BeginWorkAsync(audit, ct);
        await ResidenceFiles.EnsureActiveAsync(db, request.CaseFileId, ct);
        var passport = new Passport
        {
            CaseFileId = request.CaseFileId, Number = number, IssuingState = state, ValidUntil = request.ValidUntil, RecordedAt = clock.GetUtcNow(), RecordedBy = actor.Id,
        };
        db.Passports.Add(passport);
        work.Record(new AuditEntry("passport.record", "casefile", request.CaseFileId.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"{state} until {passport.ValidUntil:yyyy-MM-dd} passport {passport.Id}"), PersonalData: true));
        await work.CommitAsync(ct);
        return passport.ToRecord();
    }
}
